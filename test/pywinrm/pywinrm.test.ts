import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LAUNCH_COMMAND, loadCollectorScript, stdinPayload } from '../../connectors/hyperv/collector/launch.js';
import { startWinrmSimulator, type WinrmSimulator } from '../../src/lab/hyperv/winrm-server.js';
import { DOCUMENT, decodeFrame, PASSWORD } from '../hyperv/winrm-context.js';

/**
 * Fidelity check: pywinrm (Debian python3-winrm, run by /usr/bin/python3, which is where Debian installs it) is an
 * independent WinRM client. It drives our simulator over HTTPS + Basic (certificate verified against the lab CA) and
 * over HTTP + NTLM with message encryption, and must get run_ps output and the hvscan launch output.
 */
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const run = promisify(execFile);
const servers: WinrmSimulator[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function pywinrm(https: boolean, auth: 'basic' | 'ntlm') {
  const sim = await startWinrmSimulator({
    computerName: 'HV-LAB02',
    accounts: { Administrator: PASSWORD },
    document: DOCUMENT,
    https,
    auth: [auth],
    runPsEcho: true,
    chunkBytes: 8192,
    timedOutReceives: 1,
  });
  servers.push(sim);
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-pywinrm-'));
  writeFileSync(join(dir, 'ca.pem'), sim.certPem ?? '');
  writeFileSync(join(dir, 'stdin'), stdinPayload(loadCollectorScript()));
  const marker = `hvscan-fidelity-${auth}-${https ? 'https' : 'http'}`;
  const args = [
    here('fidelity.py'),
    sim.url,
    auth,
    auth === 'ntlm' ? 'HV-LAB02\\Administrator' : 'Administrator',
    join(dir, 'ca.pem'),
    marker,
    LAUNCH_COMMAND,
    join(dir, 'stdin'),
  ];
  const { stdout } = await run('/usr/bin/python3', args, {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      WINRM_PASSWORD: PASSWORD,
      OPENSSL_CONF: here('openssl-legacy.cnf'),
    },
    timeout: 60_000,
  });
  return {
    sim,
    marker,
    result: JSON.parse(stdout) as {
      runPs: { stdout: string; status: number };
      launch: { stdout: string; stderr: string; status: number };
    },
  };
}

describe('pywinrm against the WinRM simulator', () => {
  it.each([
    ['HTTPS + Basic', true, 'basic'],
    ['HTTP + NTLM, message encryption always', false, 'ntlm'],
    ['HTTPS + NTLM with channel binding', true, 'ntlm'],
  ] as const)(
    '%s: run_ps and the hvscan launch',
    async (_name, https, auth) => {
      const { sim, marker, result } = await pywinrm(https, auth);
      expect(result.runPs).toEqual({ stdout: `${marker}\r\n`, stderr: '', status: 0 });
      expect(result.launch.status).toBe(0);
      expect(decodeFrame(result.launch.stdout)).toEqual(DOCUMENT);
      expect(sim.log.commandLines[1]).toBe(LAUNCH_COMMAND);
      expect(sim.log.openShells).toBe(0);
      expect(sim.authFailures).toBe(0);
      // requests-ntlm binds NTLM to the TLS certificate: the simulator's RFC 5929 computation must agree with it.
      if (https && auth === 'ntlm') expect(sim.channelBoundLogons).toBeGreaterThanOrEqual(1);
    },
    90_000,
  );
});
