import { afterAll, describe, expect, it } from 'vitest';
import type { VsphereTarget } from '../../src/core/config/schema.js';
import { startEsxiSimulator, type EsxiSimulator } from '../../src/lab/esxi/index.js';
import { MAX_QUOTED_CHARS } from '../../src/core/log/host-text.js';
import type { CollectedHost } from '../../src/core/report/collected.js';
import { scanOneTarget } from './scan-one.js';
import { startHostileVsphere, type HostileRule } from './servers/hostile-vsphere.js';

const simulators: EsxiSimulator[] = [];
afterAll(async () => {
  await Promise.all(simulators.map((s) => s.close()));
});

/** One scan of a simulated host behind the hostile proxy, through the real engine and connector. */
async function scanBehind(
  rules: HostileRule[],
  mode: 'esxi' | 'vcenter' = 'esxi',
  timeoutSeconds = 8,
): Promise<{ host: CollectedHost; calls: string[] }> {
  const sim = await startEsxiSimulator({ mode, hosts: 1 });
  simulators.push(sim);
  const proxy = await startHostileVsphere(sim.port, rules);
  const target: VsphereTarget = {
    name: 'esx-hostile',
    platform: mode,
    host: '127.0.0.1',
    port: proxy.port,
    username: sim.username,
    passwordEnv: 'UNUSED',
    tls: { fingerprint: proxy.fingerprint },
    timeoutSeconds,
  };
  try {
    const result = await scanOneTarget(target, { username: sim.username, password: sim.password }, timeoutSeconds);
    return { host: result.host, calls: proxy.calls };
  } finally {
    await proxy.close();
  }
}

const hang = (call: string): HostileRule => ({ call, act: { kind: 'hang' }, times: 1 });

describe('a hung call on vSphere', () => {
  it('an optional manager call (QueryModules) leaves the host partial, names the call and keeps the facts', async () => {
    const { host } = await scanBehind([hang('QueryModules')]);
    expect(host.status).toBe('partial');
    expect(host.errors).toEqual([
      {
        step: 'timeout:QueryModules',
        message: expect.stringMatching(/no answer to QueryModules within [\d.]+s \(per-request deadline\)/),
      },
    ]);
    expect(host.facts?.identity.name).toBeTruthy();
    expect(host.facts?.product.build).toEqual(expect.any(String));
  });

  it('an esxcli command leaves the host partial and names the command', async () => {
    const { host } = await scanBehind([hang('ExecuteSoap')]);
    expect(host.status).toBe('partial');
    expect(host.errors).toEqual([
      {
        step: 'timeout:esxcli',
        message: expect.stringMatching(/^esxcli [\w. ]+ \(ExecuteSoap [\w.-]+\): .*no answer to ExecuteSoap/),
      },
    ]);
    expect(host.facts?.identity.name).toBeTruthy();
  });

  it('Logout never fails a host whose facts are complete', async () => {
    const { host, calls } = await scanBehind([hang('Logout')]);
    expect(calls).toContain('Logout');
    expect(host).toMatchObject({ status: 'ok', errors: [] });
  });

  it('the property pass the host depends on fails the host, naming the call, before the host budget', async () => {
    const { host } = await scanBehind([hang('RetrievePropertiesEx')]);
    expect(host.status).toBe('failed');
    expect(host.errors).toEqual([
      { step: 'timeout', message: expect.stringContaining('no answer to RetrievePropertiesEx') },
    ]);
  });
});

describe('hostile vSphere replies', () => {
  const deepJson = '{"returnval":'.repeat(1).concat('['.repeat(100_000), ']'.repeat(100_000), '}');

  it('a 100k-deep VI/JSON reply fails the host at step parse, naming the host and the call (no stack overflow)', async () => {
    const { host, calls } = await scanBehind(
      [
        {
          call: 'RetrievePropertiesEx',
          act: { kind: 'reply', status: 200, contentType: 'application/json', body: deepJson },
        },
      ],
      'vcenter',
    );
    expect(calls).toContain('content');
    expect(host.status).toBe('failed');
    expect(host.errors[0]).toEqual({
      step: 'parse',
      message: expect.stringMatching(
        /vcenter target "esx-hostile" \(127\.0\.0\.1:\d+\): RetrievePropertiesEx .*not valid JSON \(nested deeper than 512 levels/,
      ),
    });
  });

  it('garbage on an optional call leaves the host partial, naming the call, as a hang does', async () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    const { host } = await scanBehind([
      { call: 'QueryModules', act: { kind: 'reply', status: 502, contentType: 'text/html', body: html } },
    ]);
    expect(host.status).toBe('partial');
    expect(host.errors).toEqual([
      { step: expect.stringMatching(/:QueryModules$/), message: expect.stringContaining('QueryModules') },
    ]);
  });

  it('a 7 MB XML tag name makes an error of a few KB that says the length it cut', async () => {
    const body = `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><${'x'.repeat(7_000_000)}></y></soapenv:Body></soapenv:Envelope>`;
    const { host } = await scanBehind([
      { call: 'QueryModules', act: { kind: 'reply', status: 200, contentType: 'text/xml', body } },
    ]);
    const text = JSON.stringify(host.errors);
    expect(host.status).toBe('partial');
    expect(text.length).toBeLessThan(MAX_QUOTED_CHARS * 2);
    expect(text).toContain('QueryModules');
  });
});
