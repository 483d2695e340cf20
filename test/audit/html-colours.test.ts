import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Severity } from '../../src/core/model/index.js';
import { stylesheet } from '../../src/report/html/theme.js';
import { renderHtml } from '../../src/report/html.js';
import { finding, host, report } from './report-fixture.js';

const THEME = 'src/report/html/theme.ts';
/**
 * A colour written as a value: a hex colour after `:`, `(`, `,`, `=` or a quote (CSS, SVG attributes, a string in a
 * map), or an rgb()/hsl() call. Issue references in comments (`PR #3655`, `ssh2#1390`) follow a space or a word.
 */
const COLOUR_LITERAL = /(?:[:(,=]\s*["'`]?|["'`])#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})\b|\b(?:rgba?|hsla?)\(/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('report colours', () => {
  it('are written in the theme and nowhere else under src/', () => {
    const withColours = sourceFiles('src')
      .filter((file) => COLOUR_LITERAL.test(readFileSync(file, 'utf8')))
      .map((file) => relative('.', file));
    expect(withColours).toEqual([THEME]);
  });

  it('give every severity and host status one custom property, used by badges, chart bars and status text', () => {
    const css = String(stylesheet);
    const definitions = (name: string) => css.match(new RegExp(`--${name}:`, 'g'))?.length ?? 0;
    for (const severity of Severity.options) {
      expect(definitions(`sev-${severity}`), severity).toBe(1);
      expect(css).toContain(`.sev-${severity}{background:var(--sev-${severity});fill:var(--sev-${severity})}`);
    }
    for (const status of ['failed', 'partial']) {
      expect(definitions(`status-${status}`), status).toBe(1);
      expect(css).toContain(`.status-${status}{color:var(--status-${status})`);
    }
  });

  it('reach the rendered report only through the stylesheet: no inline colour in the markup', () => {
    const page = renderHtml(report([host({ name: 'esx01', findings: [finding({ id: 'a', severity: 'critical' })] })]));
    const body = page.slice(page.indexOf('</style>'));
    expect(body).not.toMatch(/style="|#[0-9a-f]{6}\b/i);
    expect(body).toContain('class="sev-critical"/>');
  });
});
