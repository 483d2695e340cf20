import { expect, it } from 'vitest';
import { hypervFactsFromOutput } from '../../../connectors/hyperv/facts/facts.js';
import { isUnknown, type HypervHostFacts } from '../../../src/core/model/index.js';
import { META } from '../fixtures.js';
import { mockHost, type MockHost } from './host-fixtures.js';
import { describeWithPwsh } from './locate.js';
import { frameJson, runUnderPwsh } from './run-collector.js';

type Measure = Exclude<HypervHostFacts['footprint']['managementSurface'], { unknown: true }>;
const SERVICES = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services';

/**
 * The footprint host: mockHost's Server 2022 plus what the footprint section reads. ServiceDll values are the Windows
 * defaults (REG_EXPAND_SZ under Services\<name>\Parameters); HTTP.sys's ImagePath is relative ("system32\drivers\…")
 * as Windows stores it for boot drivers. File sizes are ours.
 */
function footprintHost(): MockHost {
  const host = mockHost({ release: 2022 });
  host.cim['root/cimv2:Win32_SystemDriver'].push({
    Name: 'HTTP',
    DisplayName: 'HTTP Service',
    State: 'Running',
    StartMode: 'Manual',
    PathName: 'system32\\drivers\\HTTP.sys',
    ServiceType: 'Kernel Driver',
  });
  host.cim['root/cimv2:Win32_Process'] = [
    { ProcessId: 4, Name: 'System', ExecutablePath: null },
    { ProcessId: 1400, Name: 'svchost.exe', ExecutablePath: 'C:\\Windows\\System32\\svchost.exe' },
    { ProcessId: 1500, Name: 'svchost.exe', ExecutablePath: 'C:\\Windows\\System32\\svchost.exe' },
    { ProcessId: 2100, Name: 'vmms.exe', ExecutablePath: 'C:\\Windows\\system32\\vmms.exe' },
    { ProcessId: 4400, Name: 'sshd.exe', ExecutablePath: 'C:\\Windows\\System32\\OpenSSH\\sshd.exe' },
    { ProcessId: 2200, Name: 'vmcompute.exe', ExecutablePath: 'C:\\Windows\\system32\\vmcompute.exe' },
    { ProcessId: 5100, Name: 'vmwp.exe', ExecutablePath: 'C:\\Windows\\System32\\vmwp.exe' },
    { ProcessId: 5200, Name: 'vmwp.exe', ExecutablePath: 'C:\\Windows\\System32\\vmwp.exe' },
  ];
  // What Get-Process -Module lists: the process image first, then its DLLs (ntdll.dll in every process).
  host.processModules = {
    2100: ['C:\\Windows\\system32\\vmms.exe', 'C:\\Windows\\SYSTEM32\\ntdll.dll'],
    2200: ['C:\\Windows\\system32\\vmcompute.exe', 'C:\\Windows\\SYSTEM32\\ntdll.dll'],
    5100: [
      'C:\\Windows\\System32\\vmwp.exe',
      'C:\\Windows\\SYSTEM32\\ntdll.dll',
      'C:\\Windows\\System32\\vmchipset.dll',
    ],
  };
  host.registry[`${SERVICES}\\WinRM\\Parameters`] = { ServiceDll: '%SystemRoot%\\system32\\WsmSvc.dll' };
  host.registry[`${SERVICES}\\TermService\\Parameters`] = { ServiceDll: '%SystemRoot%\\System32\\termsrv.dll' };
  const file = (length: number) => ({ length, version: '10.0.20348.2849', company: 'Microsoft Corporation' });
  Object.assign(host.files, {
    'C:\\Windows\\System32\\hal.dll': file(25_000),
    'C:\\Windows\\System32\\vmwp.exe': file(4_300_000),
    'C:\\Windows\\system32\\vmcompute.exe': file(2_270_000),
    'C:\\Windows\\system32\\drivers\\HTTP.sys': file(1_830_000),
    'C:\\Windows\\System32\\svchost.exe': file(57_000),
    'C:\\Windows\\system32\\WsmSvc.dll': file(3_590_000),
    'C:\\Windows\\System32\\termsrv.dll': file(1_110_000),
    'C:\\Windows\\System32\\OpenSSH\\sshd.exe': file(1_080_000),
    'C:\\Windows\\SYSTEM32\\ntdll.dll': file(2_080_000),
    'C:\\Windows\\System32\\vmchipset.dll': file(1_360_000),
  });
  return host;
}

function known(value: HypervHostFacts['footprint'][keyof HypervHostFacts['footprint']]): Measure {
  if (isUnknown(value)) throw new Error(`expected a known measure, got unknown: ${value.reason}`);
  return value;
}

describeWithPwsh('collector.ps1 footprint section under pwsh', { timeout: 60_000 }, (pwsh) => {
  const collect = async (host: MockHost) => {
    const run = await runUnderPwsh(pwsh, host);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    return { doc: frameJson(run.stdout), facts: hypervFactsFromOutput(run, META) };
  };

  it('reads drivers, services with their expanded ServiceDll and process images with sizes, and maps the three measures', async () => {
    const { doc, facts } = await collect(footprintHost());
    expect(doc.errors).toEqual({});
    expect(doc.footprint.services.find((s: MockHost) => s.name === 'WinRM')).toEqual({
      name: 'WinRM',
      pid: 1400,
      image: { path: 'C:\\Windows\\System32\\svchost.exe', bytes: 57_000 },
      serviceDll: { path: 'C:\\Windows\\system32\\WsmSvc.dll', bytes: 3_590_000 },
    });
    expect(doc.footprint.services.find((s: MockHost) => s.name === 'vmms').serviceDll).toBeNull();
    expect(doc.footprint.drivers).toContainEqual({
      name: 'HTTP',
      image: { path: 'C:\\Windows\\system32\\drivers\\HTTP.sys', bytes: 1_830_000 },
    });

    expect(known(facts.footprint.hypervisorCode).bytes).toBe(2_171_000);
    const tcb = known(facts.footprint.trustedComputingBase);
    // One vmwp.exe is read (pid 5100, the first); ntdll.dll, loaded by all three, counts once.
    expect(doc.footprint.vmManagementModules.map((m: MockHost) => [m.process, m.pid, m.images.length])).toEqual([
      ['vmms.exe', 2100, 2],
      ['vmcompute.exe', 2200, 2],
      ['vmwp.exe', 5100, 3],
    ]);
    expect(tcb.counted.map((c) => c.item.split('\\').pop())).toEqual([
      'hvix64.exe',
      'ntoskrnl.exe',
      'hal.dll',
      'hvservice.sys',
      'HTTP.sys',
      'vmms.exe',
      'vmcompute.exe',
      'vmwp.exe',
      'ntdll.dll',
      'vmchipset.dll',
    ]);
    expect(tcb.bytes).toBe(
      2_171_000 + 11_567_000 + 25_000 + 120_000 + 1_830_000 + 7_800_000 + 2_270_000 + 4_300_000 + 2_080_000 + 1_360_000,
    );

    const surface = known(facts.footprint.managementSurface);
    expect(surface.counted.map((c) => [c.item.split('\\').pop(), c.role])).toEqual([
      ['HTTP.sys', 'tcp/5985'],
      ['WsmSvc.dll', 'tcp/5985'],
      ['sshd.exe', 'tcp/22'],
      ['svchost.exe', 'tcp/3389'],
      ['termsrv.dll', 'tcp/3389'],
    ]);
    expect(surface.bytes).toBe(1_830_000 + 3_590_000 + 1_080_000 + 57_000 + 1_110_000);
  });

  it('a VM worker that cannot be opened leaves a read error and an unknown entry for its DLLs', async () => {
    const host = footprintHost();
    host.processModules[5100] = { $error: 'Access is denied.' };
    const { doc, facts } = await collect(host);
    expect(doc.errors).toEqual({});
    expect(doc.readErrors.footprint['modules:vmwp.exe']).toBe('Get-Process -Module failed: Access is denied.');
    const tcb = known(facts.footprint.trustedComputingBase);
    expect(tcb.counted).toContainEqual({
      item: 'DLLs of vmwp.exe (Get-Process -Module failed: Access is denied.)',
      role: 'loaded by vmwp.exe',
    });
  });

  it('a ServiceDll value that cannot be read becomes a read error and an unknown entry, not a missing DLL', async () => {
    const host = footprintHost();
    host.registry[`${SERVICES}\\TermService\\Parameters`] = {
      ServiceDll: { $error: 'Requested registry access is not allowed.' },
    };
    const { doc, facts } = await collect(host);
    expect(doc.errors).toEqual({});
    expect(doc.readErrors.footprint['serviceDll:TermService']).toMatch(
      /TermService\\Parameters\\ServiceDll: Requested registry access is not allowed\.$/,
    );
    const surface = known(facts.footprint.managementSurface);
    expect(surface.counted).toContainEqual({
      item: expect.stringMatching(/^service TermService \(registry value not readable: .*not allowed\.\)$/),
      role: 'tcp/3389',
    });
  });
});
