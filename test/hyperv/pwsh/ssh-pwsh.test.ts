import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hypervConnector } from '../../../connectors/hyperv/index.js';
import { collectAll } from '../../connectors/collect-all.js';
import { projectFile } from '../../../src/core/paths.js';
import { startPrivateSshd, type PrivateSshd } from '../../sshd/sshd.js';
import { sshContext, sshTarget } from '../ssh-context.js';
import { gpoWinrmHost } from './host-fixtures.js';
import { describeWithPwsh } from './locate.js';
import { MOCKS } from './run-collector.js';

/**
 * The whole Hyper-V path with real software at every step: hvscan's SSH client → Debian's OpenSSH sshd → real pwsh
 * (as powershell.exe, mocks preloaded) → hvscan's bootstrap → collector.ps1 → frame → parser → host facts.
 */
describeWithPwsh(
  'Hyper-V connector over OpenSSH into real pwsh running collector.ps1',
  { timeout: 120_000 },
  (pwsh) => {
    let sshd: PrivateSshd;
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-ssh-pwsh-'));
    beforeAll(async () => {
      const hostFile = join(dir, 'host.json');
      writeFileSync(hostFile, JSON.stringify(gpoWinrmHost()));
      sshd = await startPrivateSshd({
        powershell: projectFile('test/hyperv/pwsh/powershell-pwsh.sh'),
        env: { HVSCAN_PWSH: pwsh, HVSCAN_MOCKS: MOCKS, HVSCAN_MOCK_HOST: hostFile },
      });
    });
    afterAll(async () => {
      await sshd?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('collects host facts from the collector as pwsh ran it behind sshd', async () => {
      const target = sshTarget(sshd.port, sshd.username, {
        name: 'hv01',
        ssh: { hostKeyFingerprint: sshd.hostKeyFingerprint },
      });
      const ctx = sshContext(
        { username: sshd.username, privateKey: readFileSync(sshd.clientKeyPath, 'utf8') },
        { timeoutMs: 100_000 },
      );
      const [facts] = await collectAll(hypervConnector, target, ctx);
      expect(facts.collection).toMatchObject({
        connector: 'hyperv',
        protocol: 'ssh',
        serverTrust: 'host-key-pinned',
        requests: 1,
      });
      expect(facts.collection.errors).toEqual([]);
      expect(Object.values(facts.collection.sections).every((s) => s.ok)).toBe(true);
      expect(facts.product).toMatchObject({
        build: '20348',
        releaseName: 'Windows Server 2022 (21H2)',
        apiVersion: 'PowerShell 7.6.10',
      });
      expect((facts.exposure as Record<string, unknown>).winrm).toMatchObject({
        auth: { basic: false, credSSP: false },
        sources: { 'Auth/CredSSP': 'policy' },
      });
      expect(facts.vms).toMatchObject({ count: 3 });
    });
  },
);
