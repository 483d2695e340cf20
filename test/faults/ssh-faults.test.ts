import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../../src/core/config/schema.js';
import { MAX_QUOTED_CHARS } from '../../src/core/log/host-text.js';
import { scanOneTarget } from './scan-one.js';
import { startHostileSsh, type HostileSsh, type SshMisbehaviour } from './servers/hostile-ssh.js';

const servers: HostileSsh[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function scanOf(misbehaviour: SshMisbehaviour, timeoutSeconds = 10) {
  const server = await startHostileSsh(misbehaviour);
  servers.push(server);
  const target: Target = {
    name: 'hv-hostile',
    platform: 'hyperv',
    transport: 'ssh',
    host: '127.0.0.1',
    port: server.port,
    username: 'Administrator',
    passwordEnv: 'UNUSED',
    ssh: { hostKeyFingerprint: server.hostKeyFingerprint },
  };
  return scanOneTarget(target, { username: 'Administrator', password: 'pw' }, timeoutSeconds);
}

const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('hostile SSH hosts', () => {
  it('20 MB of stderr with terminal escapes makes a failed host with a capped, escaped error and log', async () => {
    const { host, logged } = await scanOf({ kind: 'stderr', bytes: 20_000_000, text: '\u001b]0;owned\u0007\u001b[2J' });
    expect(host.status).toBe('failed');
    const message = host.errors[0]!.message;
    expect(message.length).toBeLessThan(MAX_QUOTED_CHARS + 500);
    expect(message).toMatch(/\[cut: \d+ characters in all/);
    expect(message).not.toMatch(ACTIVE);
    expect(logged.length).toBeLessThan(100_000);
    expect(logged).not.toMatch(ACTIVE);
  }, 60_000);

  it('a host that accepts the command and never answers fails at its timeout; the scan ends', async () => {
    const { host } = await scanOf({ kind: 'hang' }, 2);
    expect(host).toMatchObject({ status: 'failed', errors: [{ step: 'timeout' }] });
  });

  it('a host that floods stdout stops at the per-host output cap, naming it', async () => {
    const { host } = await scanOf({ kind: 'flood' });
    expect(host.status).toBe('failed');
    expect(host.errors[0]!.message).toMatch(/output exceeded \d+ bytes; connection dropped/);
  }, 60_000);
});
