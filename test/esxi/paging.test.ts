import { afterEach, describe, expect, it, vi } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import { HttpEndpoint, MAX_PAGE_BYTES } from '../../connectors/esxi/vim25/http.js';
import { MAX_HOSTS, PAGE_OBJECTS, pagingLimits, retrieveAll } from '../../connectors/esxi/property/property.js';
import type { VimSession } from '../../connectors/esxi/vim25/session.js';
import type { CallOptions } from '../../connectors/esxi/vim25/transport.js';
import { moRef, type MoRef, type VimValue } from '../../connectors/esxi/vim25/value.js';
import { loadProfile, startEsxiSimulator, type EsxiSimulator } from '../../src/lab/esxi/index.js';
import { collectHosts, testContext, vsphereTarget } from './context.js';

/** A property collector that answers from a list of pages, telling each page's size as a transport would. */
function pagingSession(pages: Array<{ objects: number; bytes: number; token?: string }>) {
  const sent: Array<{ method: string; args: Record<string, VimValue | undefined> }> = [];
  let next = 0;
  const session = {
    where: 'vcenter target "vc" (vc.example:443)',
    ref: () => moRef('PropertyCollector', 'propertyCollector'),
    invoke: async (method: string, _self: MoRef, args: Record<string, VimValue | undefined>, options: CallOptions) => {
      sent.push({ method, args });
      const page = pages[Math.min(next++, pages.length - 1)]!;
      options.onBytes?.(page.bytes);
      const objects = Array.from({ length: page.objects }, (_, i) => ({
        obj: moRef('HostSystem', `host-${next}-${i}`),
        propSet: [],
      }));
      return { _type: 'RetrieveResult', objects, ...(page.token ? { token: page.token } : {}) };
    },
  };
  return { session: session as unknown as VimSession, sent };
}

describe('property-collector paging', () => {
  it(`asks for at most ${PAGE_OBJECTS} objects a page and reads every page through ContinueRetrievePropertiesEx`, async () => {
    const { session, sent } = pagingSession([
      { objects: PAGE_OBJECTS, bytes: 1000, token: 't1' },
      { objects: PAGE_OBJECTS, bytes: 1000, token: 't1' },
      { objects: 7, bytes: 100 },
    ]);
    const out = await retrieveAll(session, [], { hosts: 2 * PAGE_OBJECTS + 7 });
    expect(out).toHaveLength(2 * PAGE_OBJECTS + 7);
    expect(sent.map((s) => s.method)).toEqual([
      'RetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
    ]);
    expect(sent[0]!.args.options).toEqual({ _type: 'RetrieveOptions', maxObjects: PAGE_OBJECTS });
    expect(sent[1]!.args).toEqual({ token: 't1' });
  });

  it('a server whose pages add up past the byte bound fails the call, naming it and the bound', async () => {
    const { session, sent } = pagingSession([{ objects: 1, bytes: 40 * 1024 * 1024, token: 't' }]);
    const err = await retrieveAll(session, [], { hosts: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CollectError);
    expect(err).toMatchObject({ step: 'collect', code: 'PAGING_BOUND' });
    expect((err as Error).message).toMatch(
      /^vcenter target "vc" \(vc\.example:443\): ContinueRetrievePropertiesEx kept paging: \d+ pages and \d+ bytes reached the bound/,
    );
    // 64 MiB + 16 MiB for one host: the third 40 MiB page crosses it (each page is itself under the 64 MiB cap).
    expect(sent).toHaveLength(3);
  });
});

describe('paging against the lab simulator', { timeout: 120_000 }, () => {
  const running: EsxiSimulator[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  /**
   * The lab scan's host budget is the test's own bound: under CPU load the 60-host scan takes well past testContext's
   * 20 s budget (whose requests must end 4 s before it), and what these tests judge is paging, not speed.
   */
  const labContext = (sim: EsxiSimulator, boundMs: number) => ({
    ...testContext(sim.password, AbortSignal.timeout(boundMs), sim.username),
    timeoutMs: boundMs,
  });

  const target = (sim: EsxiSimulator) =>
    vsphereTarget({
      name: 'lab',
      platform: sim.mode === 'esxi' ? 'esxi' : 'vcenter',
      host: sim.host,
      port: sim.port,
      username: sim.username,
      tls: { fingerprint: sim.fingerprint },
      viJson: 'off',
    });

  it('a host that never stops paging (hostile, on loopback) fails with a clear error after a bounded number of pages', async () => {
    const sim = await startEsxiSimulator({ mode: 'esxi', endlessPaging: true });
    running.push(sim);
    const err = await collectHosts(target(sim), labContext(sim, 60_000)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CollectError);
    expect(err).toMatchObject({ code: 'PAGING_BOUND' });
    const { pages } = pagingLimits(1);
    expect(pages).toBeLessThan(30);
    expect((err as Error).message).toContain(`ContinueRetrievePropertiesEx kept paging: ${pages} pages`);
    expect((err as Error).message).toContain('for 1 host(s)');
    // Each pass pages to one host's share of continuations (the same host repeated does not grow it): the host pass,
    // and the manager pass of the host its first page completed (handed on at once, so it runs meanwhile). Then Logout.
    expect(sim.requestsByMethod().ContinueRetrievePropertiesEx).toBe(2 * (pages - 1));
    expect(sim.requestsByMethod().Logout).toBe(1);
  });

  it('5,000 hosts x 2,000 advanced options: pages stay under the reply cap and within the budget (arithmetic from a 60-host lab)', async () => {
    const profile = loadProfile('esxi-8.0-hardened');
    for (let i = 0; i < 2000; i++)
      profile.options[`Lab.Option${String(i).padStart(4, '0')}.Setting`] = {
        type: 'string',
        value: `value-${i}-${'x'.repeat(40)}`,
      };
    profile.vms = {};
    const sim = await startEsxiSimulator({ mode: 'vcenter', hosts: 60, profile, vcenterVersion: '8.0.3' });
    running.push(sim);
    const sizes: Array<{ what: string; bytes: number }> = [];
    const send = HttpEndpoint.prototype.send;
    vi.spyOn(HttpEndpoint.prototype, 'send').mockImplementation(async function (this: HttpEndpoint, req) {
      const res = await send.call(this, req);
      sizes.push({ what: req.what, bytes: res.body.length });
      return res;
    });
    const { hosts } = await collectHosts(target(sim), labContext(sim, 110_000));
    expect(hosts).toHaveLength(60);
    const hostPages = sizes.filter((s) => /RetrievePropertiesEx$/.test(s.what));
    const largest = Math.max(...hostPages.map((s) => s.bytes));
    // The first page holds PAGE_OBJECTS host objects (maxObjects); what one host costs, measured:
    const perHost = hostPages[0]!.bytes / PAGE_OBJECTS;
    expect(perHost).toBeGreaterThan(2000 * 60);
    // A page of such hosts stays well under the 64 MiB page cap, whatever the host count: 5,000 hosts are 100 pages...
    expect(largest).toBeLessThan(MAX_PAGE_BYTES / 2);
    expect(Math.ceil(5000 / PAGE_OBJECTS)).toBeLessThan(pagingLimits(5000).pages);
    // ...and their total stays inside the byte budget the connector allows 5,000 hosts.
    expect(MAX_HOSTS).toBe(5000);
    expect(perHost * 5000).toBeLessThan(pagingLimits(5000).bytes);
    expect(sim.requestsByMethod().ContinueRetrievePropertiesEx).toBeGreaterThanOrEqual(1);
  });
});
