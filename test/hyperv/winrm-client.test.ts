import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCollectorScript, stdinPayload } from '../../connectors/hyperv/collector/launch.js';
import type { WinrmSimulator } from '../../src/lab/hyperv/winrm-server.js';
import { collect, decodeFrame, DOCUMENT, failure, PASSWORD, startHost, winrmTarget } from './winrm-context.js';
import { expectSocketsClosed, openTcpSockets } from './ssh-context.js';

const servers: WinrmSimulator[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
async function host(...args: Parameters<typeof startHost>) {
  const sim = await startHost(...args);
  servers.push(sim);
  return sim;
}

/** The shell lifecycle the client must follow, with any number of Send and Receive calls in the middle. */
function expectFullSequence(actions: string[]) {
  expect(actions[0]).toBe('create');
  expect(actions[1]).toBe('command');
  expect(actions.slice(-2)).toEqual(['signal', 'delete']);
  expect(actions.filter((a) => a === 'create')).toHaveLength(1);
}

describe('WinRM client ↔ simulator, HTTPS + Basic', () => {
  it('runs the collector launch with a pinned certificate: chunked stdin, TimedOut retries, multi-part output', async () => {
    const sim = await host({ https: true, auth: ['basic'], chunkBytes: 2000, timedOutReceives: 2, latencyMs: 5 });
    const bigScript = loadCollectorScript() + '\n#' + 'x'.repeat(150_000);
    const { ctx, run } = collect(
      winrmTarget(sim.port, { https: true, auth: 'basic' }, { tls: { fingerprint: sim.fingerprint } }),
      { stdin: stdinPayload(bigScript) },
    );
    const result = await run;
    expect(result).toMatchObject({ exitCode: 0, stderr: '', protocol: 'winrm-https-basic', serverTrust: 'pinned' });
    expect(decodeFrame(result.stdout)).toEqual(DOCUMENT);
    expectFullSequence(sim.log.actions);
    expect(sim.log.actions.filter((a) => a === 'send').length).toBeGreaterThanOrEqual(3);
    expect(sim.log.actions.filter((a) => a === 'receive').length).toBeGreaterThan(3);
    // Each chunked Send and each Receive (TimedOut ones too) is one HTTP request, and all of them are counted.
    expect(result.requests).toBe(sim.httpRequests);
    expect(result.requests).toBe(sim.log.actions.length);
    expect(sim.log.shellOptions).toEqual([{ WINRS_NOPROFILE: 'TRUE', WINRS_CODEPAGE: '65001' }]);
    expect(sim.log.openShells).toBe(0);
    expect(ctx.logged.join('\n')).not.toContain(PASSWORD);
  });

  it('verifies the server against a CA file', async () => {
    const sim = await host({ https: true, auth: ['basic'] });
    const caFile = join(mkdtempSync(join(tmpdir(), 'hvscan-winrm-')), 'ca.pem');
    writeFileSync(caFile, sim.certPem!);
    const result = await collect(winrmTarget(sim.port, { https: true, auth: 'basic' }, { tls: { caFile } })).run;
    expect(result.serverTrust).toBe('ca');
    expect(decodeFrame(result.stdout)).toEqual(DOCUMENT);
  });

  it('refuses an unverified certificate before sending credentials', async () => {
    const sim = await host({ https: true, auth: ['basic'] });
    const err = await failure(collect(winrmTarget(sim.port, { https: true, auth: 'basic' })).run);
    expect(err.step).toBe('tls');
    expect(sim.log.actions).toEqual([]);
    expect(sim.authFailures).toBe(0);
  });

  it('reports rejected Basic credentials as an auth error (HTTP 401) without the password', async () => {
    const sim = await host({ https: true, auth: ['basic'] });
    const err = await failure(
      collect(winrmTarget(sim.port, { https: true, auth: 'basic' }, { tls: { insecure: true } }), { password: 'wrong' })
        .run,
    );
    expect(err.step).toBe('auth');
    expect(err.message).toMatch(/401/);
    expect(err.message).toContain('hv-winrm');
    expect(err.message).not.toContain('wrong');
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}|d3Jvbmc/);
  });

  it('will not send Basic credentials over plain HTTP', async () => {
    const sim = await host({ https: false, auth: ['basic'], allowUnencrypted: true });
    const err = await failure(collect(winrmTarget(sim.port, { https: false, auth: 'basic' })).run);
    expect(err.step).toBe('config');
    expect(sim.log.actions).toEqual([]);
  });
});

describe('WinRM client ↔ simulator, HTTP + NTLMv2 with message encryption', () => {
  it('runs the collector with every message sealed (the host refuses unencrypted HTTP)', async () => {
    const sim = await host({ https: false, auth: ['ntlm'], chunkBytes: 4096, timedOutReceives: 1 });
    const sockets = openTcpSockets();
    const { ctx, run } = collect(
      winrmTarget(sim.port, { https: false, auth: 'ntlm' }, { username: 'HV-LAB01\\Administrator' }),
    );
    const result = await run;
    expect(result).toMatchObject({ exitCode: 0, protocol: 'winrm-http-ntlm-encrypted', serverTrust: 'none' });
    expect(decodeFrame(result.stdout)).toEqual(DOCUMENT);
    expectFullSequence(sim.log.actions);
    // NEGOTIATE and AUTHENTICATE are HTTP requests too.
    expect(result.requests).toBe(sim.httpRequests);
    expect(result.requests).toBe(sim.log.actions.length + 2);
    expect(sim.log.openShells).toBe(0);
    expect(ctx.logged.join('\n')).not.toMatch(/Negotiate|TlRMTVNT|Winrm-Lab/);
    await expectSocketsClosed(sockets);
  });

  it('reports a wrong NTLM password as an auth error', async () => {
    const sim = await host({ https: false, auth: ['ntlm'] });
    const err = await failure(collect(winrmTarget(sim.port, { https: false, auth: 'ntlm' }), { password: 'nope' }).run);
    expect(err.step).toBe('auth');
    expect(err.message).toMatch(/NTLM authentication refused/);
    expect(err.message).not.toMatch(/nope|TlRMTVNT/);
    expect(sim.authFailures).toBe(1);
  });

  it('names the schemes when the host does not offer NTLM', async () => {
    const sim = await host({ https: false, auth: ['basic'], allowUnencrypted: true });
    const err = await failure(collect(winrmTarget(sim.port, { https: false, auth: 'ntlm' })).run);
    expect(err.step).toBe('auth');
    expect(err.message).toContain('server offers Basic');
  });

  it('also works over HTTPS (NTLM bound to the TLS certificate, no message encryption)', async () => {
    const sim = await host({ https: true, auth: ['ntlm'] });
    const result = await collect(
      winrmTarget(sim.port, { https: true, auth: 'ntlm' }, { tls: { fingerprint: sim.fingerprint } }),
    ).run;
    expect(result).toMatchObject({ exitCode: 0, protocol: 'winrm-https-ntlm', serverTrust: 'pinned' });
    expect(decodeFrame(result.stdout)).toEqual(DOCUMENT);
    expect(sim.channelBoundLogons).toBe(1);
  });
});
