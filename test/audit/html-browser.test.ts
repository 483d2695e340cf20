import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffReports } from '../../src/diff/index.js';
import { renderHtml } from '../../src/report/html.js';
import { esxiFacts, finding, host, hypervFacts, report } from './report-fixture.js';

const CHROMIUM = process.env.HVSCAN_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('HTML report in a real browser (Debian Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  it('shows the numbers of the JSON report, runs no host-supplied script, and renders the charts', async () => {
    const hostile = `"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    const older = report([host({ name: 'esx01', findings: [finding({ id: 'a' })] })]);
    const newer = report(
      [
        host({
          name: 'esx01',
          facts: esxiFacts({ identity: { name: 'esx01' } }),
          findings: [
            finding({ id: 'a' }),
            finding({ id: 'b', severity: 'critical', title: hostile, message: hostile }),
            finding({
              id: 'c',
              severity: 'medium',
              suppressed: { reason: 'waiting for vendor', expires: '2027-03-01' },
            }),
          ],
        }),
        host({
          name: `hv01${hostile}`,
          platform: 'hyperv',
          facts: hypervFacts({ identity: { name: 'hv01' } }),
          findings: [finding({ id: 'd', severity: 'low' })],
        }),
      ],
      '2026-11-21T02:00:00.000Z',
    );
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(newer, { diff: diffReports(older, newer) }));

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);

    for (const severity of ['critical', 'high', 'medium', 'low', 'info'] as const) {
      const shown = await page.locator(`[data-count="${severity}"]`).innerText();
      expect(Number(shown), severity).toBe(newer.summary.findingsBySeverity[severity]);
    }
    expect(Number(await page.locator('[data-count="hosts"]').innerText())).toBe(newer.summary.hosts);
    expect(Number(await page.locator('[data-count="suppressed"]').innerText())).toBe(1);
    // b and d are new; c is suppressed and a is still open.
    expect(Number(await page.locator('[data-diff="new"]').innerText())).toBe(2);
    // Three measures per host, side by side: the same columns for ESXi and Hyper-V, ESXi's approximations marked.
    expect(await page.locator('svg[aria-label="Footprint by host"] rect').count()).toBe(6);
    const esxCells = await page.locator('tr[data-footprint="esx01"] td').allInnerTexts();
    expect(esxCells.slice(2)).toEqual([
      '32.0 MB ≈ 1 image',
      '143 MB ≈ 2 images',
      'unknown ≈ 1 image (no size this platform reports for the one image)',
    ]);
    const hvCells = await page.locator(`tr[data-footprint="hv01${hostile.replace(/"/g, '\\"')}"] td`).allInnerTexts();
    expect(hvCells.slice(2)).toEqual(['2.0 MB 1 image', '24.0 MB ≈ 3 images', '3.5 MB 1 image']);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
    // The hostile title is shown as text, exactly as the host sent it.
    await expect(page.getByText(hostile).first().innerText()).resolves.toContain('<script>');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('shows a hostile string as text in every place a host can put one, and adds no element or handler', async () => {
    // Closes an attribute, a tag, a <title> and a <style>, and tries an event handler, a script and a javascript: link.
    const hostile = `'"></title></style></textarea><svg onload="window.__pwned=1"><a href="javascript:window.__pwned=2">x</a><script>window.__pwned=3</script>`;
    // The same report twice: a host string in every place a host can put one, once harmless and once hostile.
    const reportWith = (text: string) =>
      report([
        host({
          name: `esx${text}`,
          insecure: true,
          facts: esxiFacts({ identity: { name: 'esx' }, product: { version: text } }),
          errors: [{ step: text, message: text }],
          findings: [
            finding({
              id: 'f1',
              title: text,
              message: text,
              subject: text,
              evidence: { path: text, observed: text, expected: text },
            }),
            finding({ id: 'f2', status: 'unknown', message: text, evidence: { path: text, reason: text } }),
            finding({ id: 'f3', suppressed: { reason: text, owner: text, expires: text } }),
          ],
        }),
      ]);
    const page = await browser.newPage();
    const render = async (text: string) => {
      await page.setContent(renderHtml(reportWith(text)));
      return page.evaluate((shown) => {
        const elements = [...document.querySelectorAll('*')];
        return {
          tags: elements.map((el) => el.tagName.toLowerCase()).join(' '),
          handlers: elements.flatMap((el) => el.getAttributeNames().filter((a) => a.startsWith('on'))),
          links: document.querySelectorAll('a, [href]').length,
          shownTimes: document.body.textContent!.split(shown).length - 1,
        };
      }, text);
    };
    // Quoted and longer than a chart label, so that JSON evidence and shortened labels change both alike.
    const harmless = await render('"harmless" text, longer than the thirty characters of a chart label');
    const attacked = await render(hostile);
    // The same elements in the same order, no handler, no link, and the host's text shown as often as the harmless one.
    expect(attacked).toEqual(harmless);
    expect(attacked.handlers).toEqual([]);
    expect(attacked.links).toBe(0);
    expect(attacked.shownTimes).toBeGreaterThan(10);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  }, 60_000);

  it('colours a severity the same in its badge and its chart bar, from the one stylesheet', async () => {
    const page = await browser.newPage();
    await page.setContent(
      renderHtml(
        report([
          host({
            name: 'esx01',
            findings: [finding({ id: 'a', severity: 'critical' }), finding({ id: 'b', severity: 'low' })],
          }),
        ]),
      ),
    );
    for (const severity of ['critical', 'low']) {
      const badge = await page.locator(`.card .sev-${severity}`).evaluate((el) => getComputedStyle(el).backgroundColor);
      const bar = await page
        .locator(`svg[aria-label="Open findings by severity"] rect.sev-${severity}`)
        .evaluate((el) => getComputedStyle(el).fill);
      expect(bar, severity).toBe(badge);
    }
    await page.close();
  }, 60_000);
});
