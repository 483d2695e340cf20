import { afterAll, describe, expect, it } from 'vitest';
import { connectorFor } from '../../connectors/index.js';
import type { Target } from '../../src/core/config/schema.js';
import { collectorResponder, startSshSimulator } from '../../src/lab/hyperv/ssh-server.js';
import { MemoryBudget } from '../../src/scan/memory-budget.js';
import { runScan } from '../../src/scan/engine.js';
import { memoryLogger } from '../core/helpers.js';
import { startHostileSsh, type HostileSsh } from './servers/hostile-ssh.js';
import { DOCUMENT } from '../hyperv/winrm-context.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const sshTarget = (name: string, port: number, fingerprint: string): Target => ({
  name,
  platform: 'hyperv',
  transport: 'ssh',
  host: '127.0.0.1',
  port,
  username: 'Administrator',
  passwordEnv: 'UNUSED',
  ssh: { hostKeyFingerprint: fingerprint },
});

describe('the scan-wide memory budget', () => {
  it('stops the hosts holding the most when flooding hosts together pass it; a good host in the same scan is collected', async () => {
    const floods: HostileSsh[] = await Promise.all(Array.from({ length: 4 }, () => startHostileSsh({ kind: 'flood' })));
    const good = await startSshSimulator({
      username: 'Administrator',
      password: 'pw',
      respond: collectorResponder(DOCUMENT),
    });
    servers.push(...floods, good);
    const limit = 40 * 1024 * 1024;
    const budget = new MemoryBudget(limit);
    const { logger, redactor } = memoryLogger('info');
    const result = await runScan({
      targets: [
        ...floods.map((f, i) => sshTarget(`flood${i}`, f.port, f.hostKeyFingerprint)),
        sshTarget('good', good.port, good.hostKeyFingerprint),
      ],
      concurrency: 5,
      timeoutSeconds: 60,
      retries: 0,
      connectorFor,
      credentialsFor: () => ({ username: 'Administrator', password: 'pw' }),
      logger,
      redactor,
      memoryBudget: budget,
    });
    const byName = Object.fromEntries(
      result.hosts.map((h) => [h.name === 'good' || h.target === 'good' ? 'good' : h.target, h]),
    );
    expect(byName.good!.status).not.toBe('failed');
    const stopped = result.hosts.filter((h) =>
      h.errors[0]?.message.includes("the scan's memory budget of 40.0 MiB was reached"),
    );
    expect(stopped.length).toBeGreaterThanOrEqual(2);
    for (const host of stopped)
      expect(host.errors[0]).toMatchObject({
        step: 'collect',
        message: expect.stringMatching(/^flood\d: stopped after buffering [\d.]+ MiB of replies/),
      });
    // Every flooding host ended failed (by the budget or its own 32 MiB output cap), and the total held never passed
    // the limit by more than the chunk that crossed it.
    expect(result.hosts.filter((h) => h.target.startsWith('flood')).every((h) => h.status === 'failed')).toBe(true);
    expect(budget.peakBytes).toBeLessThan(limit + 4 * 1024 * 1024);
  }, 60_000);
});
