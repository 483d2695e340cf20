import { afterAll, describe, expect, it } from 'vitest';
import { hypervConnector } from '../../connectors/hyperv/index.js';
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
  ] as const)('%s yields one Hyper-V host with its collection recorded', async (_name, https, auth, protocol, trust) => {
    const sim = await startHost({ https, auth: [auth] });
    servers.push(sim);
    const target = winrmTarget(sim.port, { https, auth }, https ? { tls: { fingerprint: sim.fingerprint } } : {});
    const facts = await hypervConnector.collect(target, sshContext({ username: 'Administrator', password: PASSWORD }));
    expect(facts).toHaveLength(1);
    expect(facts[0].platform).toBe('hyperv');
    expect(facts[0].collection).toMatchObject({ protocol, serverTrust: trust });
    expect(sim.log.openShells).toBe(0);
  });
});
