import { expect, it } from 'vitest';
import { isUnknown } from '../../../src/core/model/index.js';
import { hypervFactsFromOutput } from '../../../connectors/hyperv/facts/facts.js';
import { collectorWithDeadline } from '../../../connectors/hyperv/collector/launch.js';
import { META } from '../fixtures.js';
import {
  defenderPassiveHost,
  GUEST_SERVICE_INTERFACE,
  gpoWinrmHost,
  mockHost,
  nestedLabHost,
  type MockHost,
} from './host-fixtures.js';
import { describeWithPwsh } from './locate.js';
import { frameJson, runUnderPwsh } from './run-collector.js';

/** Defects a real Windows host would show (issue 11 §2), each reproduced on a mock host under real pwsh. */
describeWithPwsh('collector.ps1 under pwsh: defects a real host would show', { timeout: 60_000 }, (pwsh) => {
  const collect = async (host: MockHost) => {
    const run = await runUnderPwsh(pwsh, host);
    expect(run.stderr).toBe('');
    return { run, doc: frameJson(run.stdout), facts: hypervFactsFromOutput(run, META) };
  };

  it('WinRM values set by Group Policy (XmlElement with Source="GPO") are unwrapped and marked as policy', async () => {
    const { doc, facts } = await collect(gpoWinrmHost());
    expect(doc.errors.winrm).toBeUndefined();
    // [bool] of the XmlElement is always true: CredSSP and Basic turned off by policy read as on.
    expect(facts.exposure.winrm).toMatchObject({
      allowUnencrypted: false,
      auth: { basic: false, credSSP: false, kerberos: true, cbtHardeningLevel: 'Strict' },
      sources: {
        AllowUnencrypted: 'policy',
        'Auth/Basic': 'policy',
        'Auth/CredSSP': 'policy',
        'Auth/CbtHardeningLevel': 'policy',
        'Auth/Kerberos': 'local',
      },
      listeners: [{ transport: 'HTTP', port: 5985, enabled: true, source: 'policy' }],
    });
  });

  it('a group not found by SID and a listener whose PID Win32_Process lacks: unknown with why, not "none" or "?"', async () => {
    const host = mockHost();
    const groups = host.cim['root/cimv2:Win32_Group'] as Array<{ SID: string }>;
    host.cim['root/cimv2:Win32_Group'] = groups.filter((g) => g.SID !== 'S-1-5-32-580');
    const { doc, facts } = await collect(host);
    expect(doc.readErrors.groups).toEqual({
      remoteManagementUsers: 'Win32_Group has no local group with SID S-1-5-32-580',
    });
    expect(facts.exposure.groups).toMatchObject({
      hypervAdministrators: [],
      remoteManagementUsers: { unknown: true, reason: 'Win32_Group has no local group with SID S-1-5-32-580' },
    });
    // Port 3389's OwningProcess 1500 (TermService) is not in the Win32_Process list: it read "? (TermService)".
    const rdp = (facts.exposure.listening as Array<{ port: number; process: unknown }>).find((l) => l.port === 3389);
    expect(rdp!.process).toEqual({
      unknown: true,
      reason:
        'no process with PID 1500 (hosting TermService) in Win32_Process (read just before Get-NetTCPConnection): it started or exited in between',
    });
  });

  it('Server Core without the BitLocker cmdlets: a volume whose GetConversionStatus fails has status and percentage unknown with why', async () => {
    const host = mockHost({ core: true });
    host.absentCommands = ['Get-BitLockerVolume'];
    host.cim['root/cimv2/Security/MicrosoftVolumeEncryption:Win32_EncryptableVolume'] = [
      { DriveLetter: 'C:', ProtectionStatus: 1 },
      { DriveLetter: 'E:', ProtectionStatus: 0 },
    ];
    // 0x80310000 FVE_E_LOCKED_VOLUME (Microsoft Learn, BitLocker WMI return codes) as a method's non-zero ReturnValue.
    host.conversionStatus = {
      'C:': { ReturnValue: 0, ConversionStatus: 2, EncryptionPercentage: 42 },
      'E:': { ReturnValue: 2150694912 },
    };
    const { doc, facts } = await collect(host);
    expect(doc.readErrors.bitlocker).toEqual({ 'conversion:E:': 'GetConversionStatus returned 2150694912' });
    const failed = { unknown: true, reason: 'GetConversionStatus returned 2150694912' };
    expect(facts.hyperv.bitlocker).toEqual([
      { mountPoint: 'C:', protectionOn: true, volumeStatus: 'EncryptionInProgress', encryptionPercentage: 42 },
      { mountPoint: 'E:', protectionOn: false, volumeStatus: failed, encryptionPercentage: failed },
    ]);
  });

  it('integration services are keyed by the GUID ending their Id, not by the localized name (German host)', async () => {
    const { facts } = await collect(mockHost({ language: 'de', vmCount: 2 }));
    const vms = facts.vms as {
      items: {
        name: string;
        integrationServices?: { name: string; id?: string; localizedName?: string; enabled: unknown }[];
      }[];
    };
    const gsi = vms.items.map((vm) => vm.integrationServices?.find((s) => s.id === GUEST_SERVICE_INTERFACE));
    expect(gsi).toEqual([
      {
        name: 'Guest Service Interface',
        id: GUEST_SERVICE_INTERFACE,
        localizedName: 'Gastdienstschnittstelle',
        enabled: false,
      },
      {
        name: 'Guest Service Interface',
        id: GUEST_SERVICE_INTERFACE,
        localizedName: 'Gastdienstschnittstelle',
        enabled: true,
      },
    ]);
    expect(vms.items[0].integrationServices?.map((s) => s.name)).toEqual([
      'Heartbeat',
      'Shutdown',
      'Time Synchronization',
      'Key-Value Pair Exchange',
      'VSS',
      'Guest Service Interface',
    ]);
  });

  it('a nested lab host (a VM without VT-x exposed): VT-x is unknown with the reason, never inferred from HypervisorPresent', async () => {
    const { facts } = await collect(nestedLabHost());
    const v = (facts.cpu as { virtualization: Record<string, any> }).virtualization;
    expect(v.hypervisorPresent).toBe(true);
    expect(v.presentInCpu).toMatchObject({ unknown: true });
    expect(v.presentInCpu.reason).toMatch(/Windows hypervisor.*not running/i);
    expect(v.presentInCpu.reason).toContain('Virtual Machine');
    expect(v.enabledInFirmware).toMatchObject({ unknown: true });
    expect(v.flagsMasked).toMatchObject({ unknown: true });
  });

  it('a physical host proves the Windows hypervisor runs by its counters before inferring VT-x from masked flags', async () => {
    const { facts } = await collect(mockHost());
    const v = (facts.cpu as { virtualization: Record<string, any> }).virtualization;
    expect(v).toMatchObject({ presentInCpu: true, enabledInFirmware: true, flagsMasked: true });
    expect(v.evidence.join('\n')).toContain('Win32_PerfFormattedData_HvStats_HyperVHypervisor');
  });

  it('Defender in passive mode beside a third-party EDR: Get-MpComputerStatus fails with 0x800106ba, Defender reads passive with the EDR named', async () => {
    const { doc, facts } = await collect(defenderPassiveHost());
    expect(doc.errors.defender).toBeUndefined();
    expect(facts.hyperv.defender).toMatchObject({
      installed: true,
      mode: 'passive',
      besideProducts: ['CrowdStrike Falcon'],
    });
    expect(JSON.stringify(facts.hyperv.defender)).toContain('0x800106ba');
  });

  it('Defender off (WinDefend stopped) beside a third-party EDR reads off, not unknown', async () => {
    const host = defenderPassiveHost();
    delete host.registry['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows Advanced Threat Protection'];
    Object.assign(
      host.cim['root/cimv2:Win32_Service'].find((s: MockHost) => s.Name === 'WinDefend'),
      { State: 'Stopped', StartMode: 'Disabled', ProcessId: 0 },
    );
    const { facts } = await collect(host);
    expect(facts.hyperv.defender).toMatchObject({
      installed: true,
      mode: 'off',
      besideProducts: ['CrowdStrike Falcon'],
    });
  });

  it('one unreadable Uninstall value loses only that value, not the installed-software list', async () => {
    const host = mockHost();
    host.registry['HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{BAD-DWORD}'] = {
      DisplayName: 'Vendor Agent',
      DisplayVersion: '2.1',
      EstimatedSize: { $error: 'The registry value has an invalid data length for REG_DWORD.' },
    };
    const { doc, facts } = await collect(host);
    expect(doc.errors.software).toBeUndefined();
    expect((facts.hyperv.software as { name: string }[]).map((s) => s.name).sort()).toEqual([
      'Dell OpenManage Server Administrator',
      'PowerShell 7-x64',
      'Vendor Agent',
    ]);
    expect(Object.values(doc.readErrors.software ?? {}).join()).toContain('EstimatedSize');
  });

  it('bulk Hyper-V queries: per-VM cmdlets are not called once per VM, Get-WindowsFeature runs once', async () => {
    const { run, doc } = await collect(mockHost({ vmCount: 12 }));
    expect(doc.vms.items).toHaveLength(12);
    expect(doc.errors).toEqual({});
    expect(run.calls).toMatchObject({
      'Get-VM': 1,
      'Get-VMNetworkAdapter': 2,
      'Get-VMIntegrationService': 1,
      'Get-WindowsFeature': 1,
    });
    for (const perVm of [
      'Get-VMSnapshot',
      'Get-VMFirmware',
      'Get-VMSecurity',
      'Get-VMProcessor',
      'Get-VMAssignableDevice',
    ])
      expect(run.calls[perVm]).toBe(1);
  });

  it('a slow host hits the soft deadline: the sections done so far arrive as a partial frame, the rest reported', async () => {
    // 2 s host timeout → 1 s soft deadline; every mocked call takes 150 ms.
    const run = await runUnderPwsh(pwsh, mockHost({ vmCount: 2 }), {
      script: collectorWithDeadline(2_000),
      latency: '150,0',
    });
    const doc = frameJson(run.stdout);
    const skipped = Object.entries(doc.errors as Record<string, { fqid: string; message: string }>)
      .filter(([, e]) => e.fqid === 'SoftDeadline')
      .map(([name]) => name);
    expect(doc.softDeadlineSeconds).toBe(1);
    expect(doc.privilege).toMatchObject({ isAdmin: true });
    expect(skipped).toContain('vms');
    expect(skipped).not.toContain('privilege');
    const facts = hypervFactsFromOutput(run, META);
    expect(facts.vms).toMatchObject({ unknown: true, reason: expect.stringContaining('soft deadline of 1 s') });
  });

  it('a bulk Hyper-V call that fails falls back to per-VM calls: every VM still collected', async () => {
    const host = mockHost({ vmCount: 4 });
    host.failBulk = true;
    const { run, doc, facts } = await collect(host);
    expect(doc.errors).toEqual({});
    expect(facts.vms).toMatchObject({ count: 4 });
    expect(doc.vms.items.filter((vm: { error: string | null }) => vm.error)).toEqual([]);
    // One failed bulk call, then one call per VM.
    expect(run.calls).toMatchObject({
      'Get-VMProcessor': 5,
      'Get-VMIntegrationService': 5,
      'Get-VMSnapshot': 5,
      'Get-VMNetworkAdapter': 6,
    });
  });

  it('Get-VMNetworkAdapter failing for one VM: that VM is listed as unread with the message, the others still read', async () => {
    // Before, the failure only joined the VM's error string: its adapters were missing and adapter rules passed.
    const host = mockHost({ vmCount: 3 });
    const message = 'The operation cannot be performed while the virtual machine is in its current state.';
    host.hyperv.vms[1]._adaptersFailure = {
      message,
      fqid: 'InvalidOperation,Microsoft.HyperV.PowerShell.Commands.GetVMNetworkAdapter',
    };
    const { doc, facts } = await collect(host);
    const broken = doc.vms.items[1];
    expect(broken.adaptersError).toBe(`Get-VMNetworkAdapter: ${message}`);
    expect(broken.error).toContain(`Get-VMNetworkAdapter: ${message}`);
    expect(doc.vms.items.filter((vm: { adaptersError: string | null }) => vm.adaptersError)).toHaveLength(1);
    expect(facts.hyperv.vmNetworkAdaptersUnread).toEqual([
      { vm: broken.name, reason: `Get-VMNetworkAdapter: ${message}` },
    ]);
    const read = facts.hyperv.vmNetworkAdapters;
    if (isUnknown(read)) throw new Error(`adapters unknown: ${read.reason}`);
    expect(read.map((a) => a.vm)).toEqual([doc.vms.items[0].name, doc.vms.items[2].name]);
  });

  it('the soft deadline inside the VM list: the list is cut, and the VM facts are unknown with how far it got', async () => {
    const host = mockHost({ vmCount: 40 });
    host.failBulk = true;
    // 40 s host timeout → 30 s soft deadline, reached while 40 VMs × 6 slow per-VM calls (250 ms each) are collected.
    const perVm = [
      'Get-VMSnapshot',
      'Get-VMFirmware',
      'Get-VMSecurity',
      'Get-VMProcessor',
      'Get-VMIntegrationService',
      'Get-VMAssignableDevice',
    ];
    const run = await runUnderPwsh(pwsh, host, {
      script: collectorWithDeadline(40_000),
      latency: '250,0',
      latencyOnly: perVm,
    });
    const doc = frameJson(run.stdout);
    expect(doc.errors.vms).toBeUndefined();
    expect(doc.readErrors.vms.deadline).toMatch(/^soft deadline of 30 s reached after \d+ of 40 VMs$/);
    expect(doc.vms.items.length).toBeLessThan(40);
    expect(hypervFactsFromOutput(run, META).vms).toMatchObject({ unknown: true, reason: doc.readErrors.vms.deadline });
  }, 120_000);
});
