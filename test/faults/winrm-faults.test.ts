import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../../src/core/config/schema.js';
import type { WinrmSimulator } from '../../src/lab/hyperv/winrm-server.js';
import { PASSWORD, startHost } from '../hyperv/winrm-context.js';
import { scanOneTarget } from './scan-one.js';
import { startHostileVsphere, type HostileRule } from './servers/hostile-vsphere.js';

const sims: WinrmSimulator[] = [];
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

/** One scan of a simulated Hyper-V host over WinRM (HTTPS, Basic) behind the hostile proxy, through the real engine. */
async function scanBehind(rules: HostileRule[], timeoutSeconds: number) {
  const sim = await startHost({ https: true, auth: ['basic'] });
  sims.push(sim);
  const proxy = await startHostileVsphere(sim.port, rules);
  const target: Target = {
    name: 'hv-hostile',
    platform: 'hyperv',
    transport: 'winrm',
    host: '127.0.0.1',
    port: proxy.port,
    username: 'Administrator',
    passwordEnv: 'UNUSED',
    winrm: { https: true, auth: 'basic' },
    tls: { fingerprint: proxy.fingerprint },
    timeoutSeconds,
  };
  try {
    const result = await scanOneTarget(target, { username: 'Administrator', password: PASSWORD }, timeoutSeconds);
    return { host: result.host, calls: proxy.calls };
  } finally {
    await proxy.close();
  }
}

/**
 * Host budgets with room under CPU load: a hung call times out at the start of the budget's wrap-up time (wrapUpMs,
 * 1 s here), which leaves the failure that second to reach the engine before the host's deadline, and the calls before
 * it the rest (the collection before a hung cleanup call needs the rest of 6 s, the calls before a hung one of 5 s).
 */
const CLEANUP_BUDGET_SECONDS = 6;
const HUNG_BUDGET_SECONDS = 5;

describe('a hung call on WinRM', () => {
  it.each(['Delete', 'Signal'])('a hung %s (cleanup after the output is in) never fails the host', async (call) => {
    const { host, calls } = await scanBehind([{ call, act: { kind: 'hang' } }], CLEANUP_BUDGET_SECONDS);
    expect(calls).toContain(call);
    expect(host).toMatchObject({ status: 'ok', errors: [] });
  });

  it.each(['Create', 'Command', 'Receive'])(
    'a hung %s fails the host at step timeout, naming the WinRM step',
    async (call) => {
      const { host } = await scanBehind([{ call, act: { kind: 'hang' } }], HUNG_BUDGET_SECONDS);
      expect(host).toMatchObject({
        status: 'failed',
        errors: [
          {
            step: 'timeout',
            message: expect.stringMatching(/WinRM \w[\w ]*: no WinRM reply within \d+ ms \(per-request deadline\)/),
          },
        ],
      });
    },
  );
});
