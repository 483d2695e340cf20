import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectFile } from '../../src/core/paths.js';

/** `npm pack` runs `prepare` (the build) first: about a minute of tsc, more on a loaded machine. */
const PACK_TIMEOUT_MS = 300_000;

function filesBelow(dir: string): string[] {
  return readdirSync(projectFile(dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(PROJECT_ROOT, join(e.parentPath, e.name)));
}

/** What `npm pack` would publish, as npm itself selects it from package.json `files` (the build included). */
async function packedFiles(): Promise<Set<string>> {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], {
    cwd: PROJECT_ROOT,
    timeout: PACK_TIMEOUT_MS,
    maxBuffer: 16 << 20,
  });
  const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  return new Set(pack.files.map((f) => f.path));
}

describe('the published package', { timeout: PACK_TIMEOUT_MS + 10_000 }, () => {
  it('holds what the CLI and hvscan/rules load at run time, and no test or bench code', async () => {
    const packed = await packedFiles();
    const pkg = JSON.parse(readFileSync(projectFile('package.json'), 'utf8'));

    const leaked = [...packed].filter((p) => /^(test|bench|docs|deploy|scripts|\.ci|dist\/(test|bench))\//.test(p));
    expect(leaked).toEqual([]);
    // Sources ship compiled; only the collector script is read from connectors/ itself (collector/launch.ts).
    expect([...packed].filter((p) => /^(src|connectors|rules)\//.test(p))).toEqual([
      'connectors/hyperv/collector/collector.ps1',
    ]);

    const runtime = [
      pkg.bin.hvscan,
      ...Object.values(pkg.exports['./rules'] as Record<string, string>).map((p) => p.replace(/^\.\//, '')),
      // Every module the build emits from the runtime trees, so any of them may be imported.
      ...['src', 'connectors', 'rules'].flatMap((tree) =>
        filesBelow(tree)
          .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
          .map((f) => `dist/${f.replace(/\.ts$/, '.js')}`),
      ),
      // Read through projectFile(): data tables, lab profiles, baselines, schemas.
      ...filesBelow('data'),
      ...filesBelow('schemas'),
    ];
    expect(runtime.filter((p) => !packed.has(p))).toEqual([]);
  });
});
