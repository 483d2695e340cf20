import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { WinrmSimulator } from '../../src/lab/hyperv/winrm-server.js';
import { collect, failure, startHost, winrmTarget } from './winrm-context.js';

const servers: WinrmSimulator[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

type HostOptions = Parameters<typeof startHost>[0];
async function httpsHost(extra: Omit<HostOptions, 'https' | 'auth'>) {
  const sim = await startHost({ https: true, auth: ['basic'], ...extra });
  servers.push(sim);
  return {
    sim,
    target: winrmTarget(sim.port, { https: true, auth: 'basic' }, { tls: { fingerprint: sim.fingerprint } }),
  };
}

/** Signal terminate (when a command exists) and Delete were sent, and the host holds no shell. */
function expectCleanedUp(sim: WinrmSimulator, commandStarted = true) {
  expect(sim.log.actions.at(-1)).toBe('delete');
  if (commandStarted) expect(sim.log.actions.at(-2)).toBe('signal');
  expect(sim.log.openShells).toBe(0);
}

describe('WinRM bad input: each a clear per-host error, and the shell always deleted', () => {
  it('a WS-Man fault (HTTP 500) on Command carries the fault code and reason', async () => {
    const { sim, target } = await httpsHost({
      faultOn: {
        action: 'command',
        code: '2147942606',
        subcode: 'w:InternalError',
        message: 'The filename or extension is too long.',
      },
    });
    const err = await failure(collect(target).run);
    expect(err).toMatchObject({ step: 'collect', code: 'wsman:2147942606' });
    expect(err.message).toMatch(/hv-winrm.*command fault 2147942606.*too long/);
    expectCleanedUp(sim, false);
  });

  it('the shell quota fault on Create is named as such', async () => {
    const { sim, target } = await httpsHost({ maxShellsPerUser: 0 });
    const err = await failure(collect(target).run);
    expect(err).toMatchObject({ step: 'collect', code: 'wsman:2150859173' });
    expect(err.message).toMatch(/create shell fault 2150859173 \(shell quota/);
    expect(err.message).toMatch(/maximum number of 0 concurrent shells/);
    expect(sim.log.actions).toEqual(['create']);
  });

  it('a Receive that never reaches Done is stopped by the AbortSignal; Signal and Delete still go out (NTLM, new connection)', async () => {
    const sim = await startHost({ https: false, auth: ['ntlm'], neverDone: true, timedOutWaitMs: 10 });
    servers.push(sim);
    const controller = new AbortController();
    const { run } = collect(winrmTarget(sim.port, { https: false, auth: 'ntlm' }), { signal: controller.signal });
    for (let i = 0; i < 200 && sim.log.actions.filter((a) => a === 'receive').length < 3; i++)
      await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const err = await failure(run);
    expect(err.step).toBe('aborted');
    expect(err.message).toContain('hv-winrm');
    expectCleanedUp(sim);
  });

  it.each([
    ['garbage', /receive reply is not a SOAP envelope/],
    ['truncated', /receive reply is not a SOAP envelope/],
    ['bad-base64', /stdout stream is not base64/],
  ] as const)('a %s Receive reply is a parse error', async (mode, message) => {
    const { sim, target } = await httpsHost({ receiveReply: mode });
    const err = await failure(collect(target).run);
    expect(err.step).toBe('parse');
    expect(err.message).toMatch(message);
    expectCleanedUp(sim);
  });

  it('a 50 MB reply is refused at the reply cap', async () => {
    const { sim, target } = await httpsHost({ receiveReply: 'huge', hugeBytes: 50 * 1024 * 1024 });
    const err = await failure(collect(target).run);
    expect(err.step).toBe('collect');
    expect(err.message).toMatch(/reply larger than 4194304 bytes/);
    // The transport error names the WinRM exchange it belongs to.
    expect(err.message).toMatch(/hv-winrm.*: WinRM receive: WinRM reply larger than/);
    expectCleanedUp(sim);
  });

  it('output beyond the output cap stops the command', async () => {
    const { sim, target } = await httpsHost({ chunkBytes: 1024 });
    const err = await failure(collect(target, { limits: { maxOutputBytes: 4096 } }).run);
    expect(err.step).toBe('collect');
    expect(err.message).toMatch(/output exceeds 4096 bytes/);
    expectCleanedUp(sim);
  });

  it('a reply whose RelatesTo names another message is refused', async () => {
    const { sim, target } = await httpsHost({ wrongRelatesTo: true });
    const err = await failure(collect(target).run);
    expect(err.step).toBe('parse');
    expect(err.message).toMatch(/does not relate to the request/);
    expect(sim.log.actions[0]).toBe('create');
  });

  it('a host that accepts the connection but never answers is stopped by the per-host timeout', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const err = await failure(
        collect(winrmTarget(port, { https: false, auth: 'ntlm' }), { signal: AbortSignal.timeout(300) }).run,
      );
      expect(err.step).toBe('timeout');
      expect(err.message).toContain('hv-winrm');
      expect(err.message).toMatch(/: WinRM NTLM negotiate: timed out/);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('an endpoint that accepts no connection is a connect error', async () => {
    const { sim, target } = await httpsHost({});
    await sim.close();
    const err = await failure(collect(target).run);
    expect(err.step).toBe('connect');
    expect(err.message).toMatch(/hv-winrm.*: WinRM create shell: cannot reach the WinRM endpoint/);
  });
});
