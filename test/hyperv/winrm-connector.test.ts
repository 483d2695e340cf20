import { afterAll, describe, expect, it } from 'vitest';
import { hypervConnector } from '../../connectors/hyperv/index.js';
import { collectAll } from '../connectors/collect-all.js';
import { FRAME_START, LAUNCH_COMMAND } from '../../connectors/hyperv/collector/launch.js';
import type { WinrmSimulator } from '../../src/lab/hyperv/winrm-server.js';
import { sshContext } from './ssh-context.js';
import { PASSWORD, startHost, winrmTarget } from './winrm-context.js';

const servers: WinrmSimulator[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('Hyper-V connector over WinRM (simulator)', () => {
  it.each([
    ['HTTPS + Basic', true, 'basic', 'winrm-https-basic', 'pinned'],
    ['HTTP + NTLM encrypted', false, 'ntlm', 'winrm-http-ntlm-encrypted', 'none'],
  ] as const)(
    '%s yields one Hyper-V host with its collection recorded',
    async (_name, https, auth, protocol, trust) => {
      const sim = await startHost({ https, auth: [auth] });
      servers.push(sim);
      const target = winrmTarget(sim.port, { https, auth }, https ? { tls: { fingerprint: sim.fingerprint } } : {});
      const facts = await collectAll(
        hypervConnector,
        target,
        sshContext({ username: 'Administrator', password: PASSWORD }),
      );
      expect(facts).toHaveLength(1);
      expect(facts[0].platform).toBe('hyperv');
      expect(facts[0].collection).toMatchObject({ protocol, serverTrust: trust });
      // Every HTTP request the host received is counted, NTLM handshake and shell cleanup included.
      expect(facts[0].collection.requests).toBe(sim.httpRequests);
      expect(sim.httpRequests).toBe(sim.log.actions.length + (auth === 'ntlm' ? 2 : 0));
      expect(sim.log.openShells).toBe(0);
    },
  );
});

describe('Hyper-V connector over WinRM: what the collector printed is checked', () => {
  it.each([
    ['garbage on stdout', 'PS C:\\> random noise\r\n', 'collect', /no output frame/],
    [
      'a truncated frame',
      FRAME_START + Buffer.from('{"schemaVersion":1,').toString('base64').slice(0, 10) + '\r\n',
      'parse',
      /not terminated/,
    ],
  ])('%s is a per-host error naming the host', async (_name, stdout, step, message) => {
    const sim = await startHost({
      https: false,
      auth: ['ntlm'],
      respond: (run) =>
        run.command === LAUNCH_COMMAND
          ? { stdout, stderr: '', exitCode: 0 }
          : { stdout: '', stderr: 'unexpected command', exitCode: 1 },
    });
    servers.push(sim);
    const target = winrmTarget(sim.port, { https: false, auth: 'ntlm' });
    const err = await hypervConnector
      .collect(target, sshContext({ username: 'Administrator', password: PASSWORD }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'CollectError', step });
    expect((err as Error).message).toContain('hv-winrm');
    expect((err as Error).message).toMatch(message);
    expect(sim.log.openShells).toBe(0);
  });
});
