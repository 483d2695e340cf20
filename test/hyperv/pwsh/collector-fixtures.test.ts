import { expect, it } from 'vitest';
import { hypervFactsFromOutput } from '../../../connectors/hyperv/facts.js';
import { SECTIONS } from '../../../connectors/hyperv/document.js';
import { META } from '../fixtures.js';
import { fixtureHosts, type MockHost } from './host-fixtures.js';
import { describeWithPwsh, pwshVersion } from './locate.js';
import { frameJson, runUnderPwsh } from './run-collector.js';

/**
 * collector.ps1 itself, run by real PowerShell 7 on mock Windows hosts (test/hyperv/pwsh/mocks.ps1), its frame parsed
 * by the project's own parser into host facts.
 */
describeWithPwsh('collector.ps1 under pwsh on mock hosts', { timeout: 60_000 }, (pwsh) => {
  const hosts = fixtureHosts();
  const collect = async (host: MockHost) => {
    const run = await runUnderPwsh(pwsh, host);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    return { run, doc: frameJson(run.stdout), facts: hypervFactsFromOutput(run, META) };
  };

  it('runs on PowerShell 7.6.10', () => {
    expect(pwshVersion(pwsh)).toBe('7.6.10');
  });

  it('Windows Server 2022 Desktop Experience: every section collected and mapped', async () => {
    const { doc, facts } = await collect(hosts['ws2022-desktop']);
    expect(doc.errors).toEqual({});
    expect(doc.readErrors).toEqual({});
    expect(Object.keys(doc).filter((k) => (SECTIONS as string[]).includes(k))).toEqual(SECTIONS);
    expect(doc.psVersion).toBe('7.6.10');
    expect(facts.collection.errors).toEqual([]);
    expect(facts.product).toMatchObject({ build: '20348', patchLevel: '2849', releaseName: 'Windows Server 2022 (21H2)' });
    expect(facts.vms).toMatchObject({ count: 3 });
    expect(facts.hyperv.defender).toMatchObject({ installed: true, runningMode: 'Normal', exclusions: { processes: ['vmms.exe', 'vmwp.exe'] } });
    expect(facts.exposure.winrm).toMatchObject({ allowUnencrypted: false, auth: { basic: false, credSSP: false, kerberos: true } });
    expect(doc.os).toMatchObject({ installationType: 'Server', lastBoot: '2026-11-01T04:00:00.0000000Z' });
  });
});
