import { expect, it } from 'vitest';
import { hypervFactsFromOutput } from '../../../connectors/hyperv/facts/facts.js';
import { SECTIONS } from '../../../connectors/hyperv/collector/document.js';
import integrationServicesRule from '../../../rules/hyperv-vm-integration-services-disabled.js';
import { runRule } from '../../rules/tester.js';
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
    expect(facts.product).toMatchObject({
      build: '20348',
      patchLevel: '2849',
      releaseName: 'Windows Server 2022 (21H2)',
    });
    expect(facts.vms).toMatchObject({ count: 3 });
    expect(facts.hyperv.defender).toMatchObject({
      installed: true,
      runningMode: 'Normal',
      exclusions: { processes: ['vmms.exe', 'vmwp.exe'] },
    });
    expect(facts.exposure.winrm).toMatchObject({
      allowUnencrypted: false,
      auth: { basic: false, credSSP: false, kerberos: true },
    });
    expect(doc.os).toMatchObject({ installationType: 'Server', lastBoot: '2026-11-01T04:00:00.0000000Z' });
    expect(facts.hyperv.os).toMatchObject({ build: 20348, installationType: 'Server' });
    expect(facts.cpu).toMatchObject({ virtualization: { presentInCpu: true, flagsMasked: true } });
  });

  // Per fixture: the mapped host facts that fixture exists to show (Server 2022 Desktop Experience is the test above).
  const RELEASES: [string, { build: number; release: RegExp; installationType: string }][] = [
    ['ws2016-desktop', { build: 14393, release: /2016/, installationType: 'Server' }],
    ['ws2019-core', { build: 17763, release: /2019/, installationType: 'Server Core' }],
    ['ws2025-core', { build: 26100, release: /2025/, installationType: 'Server Core' }],
  ];
  it.each(RELEASES)('%s: release, build, patch level and installation type', async (name, want) => {
    const { doc, facts } = await collect(hosts[name]);
    expect(doc.errors).toEqual({});
    expect(facts.collection.errors).toEqual([]);
    expect(facts.hyperv.os).toMatchObject({ build: want.build, installationType: want.installationType });
    expect((facts.product as { releaseName: string }).releaseName).toMatch(want.release);
    expect(facts.cpu).toMatchObject({ virtualization: { presentInCpu: true, flagsMasked: true } });
    expect(facts.hyperv.role).toMatchObject({ hypervInstalled: true, vmms: { state: 'Running' } });
  });

  it('German host: groups by SID, integration services by GUID, localized display names kept as text', async () => {
    const { doc, facts } = await collect(hosts['ws2022-german']);
    expect(doc.errors).toEqual({});
    expect(facts.exposure.groups).toMatchObject({ administrators: ['HV01\\Administrator', 'CONTOSO\\Domain Admins'] });
    const vm = (facts.vms as { items: { integrationServices: { name: string; localizedName?: string }[] }[] }).items[0];
    expect(vm.integrationServices.map((s) => s.name)).toContain('Guest Service Interface');
    expect(vm.integrationServices.map((s) => s.localizedName)).toContain('Gastdienstschnittstelle');
    expect(doc.services.items.find((s: { name: string }) => s.name === 'vmms').displayName).toBe(
      'Hyper-V-Verwaltung für virtuelle Computer',
    );
    // The integration-services rule ignores Guest Service Interface (off by default) by name: it must recognise it in
    // German too, so vm-000 (Gastdienstschnittstelle off, the rest on) passes.
    const findings = runRule(integrationServicesRule, facts).filter((f) => f.subject === 'vm-000');
    expect(findings.map((f) => f.status)).toEqual(['pass']);
  });

  it('WinRM set by Group Policy: values from policy unwrapped and marked', async () => {
    const { facts } = await collect(hosts['ws2022-winrm-gpo']);
    expect(facts.exposure.winrm).toMatchObject({
      auth: { basic: false, credSSP: false },
      sources: { 'Auth/Basic': 'policy', 'Auth/Kerberos': 'local' },
      policy: { allowBasic: false, allowUnencrypted: false },
    });
  });

  it('nested lab host: a VM (identity.nested) whose VT-x exposure is unknown with the reason', async () => {
    const { facts } = await collect(hosts['nested-lab-no-vtx']);
    expect(facts.identity.nested).toBe(true);
    expect(facts.cpu).toMatchObject({ virtualization: { hypervisorPresent: true, presentInCpu: { unknown: true } } });
    expect(facts.hyperv.role).toMatchObject({ hypervInstalled: true, vmms: { state: 'Stopped' } });
  });

  it('Defender passive under CrowdStrike Falcon: passive with the EDR named, the agent listed', async () => {
    const { facts } = await collect(hosts['ws2019-defender-passive-edr']);
    expect(facts.hyperv.defender).toMatchObject({
      installed: true,
      mode: 'passive',
      besideProducts: ['CrowdStrike Falcon'],
      exclusions: { unknown: true },
    });
    expect((facts.agents as { name: string }[]).map((a) => a.name)).toContain('CrowdStrike Falcon');
  });

  it('500 VMs: every VM collected with one call per Hyper-V cmdlet', async () => {
    const { run, doc, facts } = await collect(hosts['ws2022-500-vms']);
    expect(doc.errors).toEqual({});
    expect(facts.vms).toMatchObject({ count: 500 });
    expect(doc.vms.items.filter((vm: { error: string | null }) => vm.error)).toEqual([]);
    expect(run.calls).toMatchObject({
      'Get-VM': 1,
      'Get-VMIntegrationService': 1,
      'Get-VMProcessor': 1,
      'Get-VMSnapshot': 1,
    });
  }, 300_000);
});
