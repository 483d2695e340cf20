import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isUnknown, type HypervHostFacts } from '../../src/core/model/index.js';
import { projectFile } from '../../src/core/paths.js';
import { factsFrom, factsFromText, fixture, fixtureText, type Doc } from './fixtures.js';

type Measure = Exclude<HypervHostFacts['footprint']['trustedComputingBase'], { unknown: true }>;

function known(value: HypervHostFacts['footprint'][keyof HypervHostFacts['footprint']]): Measure {
  if (isUnknown(value)) throw new Error(`expected a known measure, got unknown: ${value.reason}`);
  return value;
}

const items = (m: Measure) => m.counted.map((c) => c.item);
const sizeOf = (doc: Doc, file: string): number => {
  const all = [
    ...doc.footprint.kernel,
    doc.footprint.vmWorker,
    ...doc.footprint.drivers.map((d: Doc) => d.image),
    ...doc.footprint.services.flatMap((s: Doc) => [s.image, s.serviceDll]),
  ];
  const found = all.find((i: Doc | null) => i && i.path.toLowerCase().endsWith(`\\${file.toLowerCase()}`));
  if (!found) throw new Error(`${file} is not in the fixture`);
  return found.bytes;
};

describe('Hyper-V footprint: the three measures of docs/footprint.md', () => {
  const doc = fixture('ws2022-hardened');
  const facts = factsFrom('ws2022-hardened');

  it('hypervisor code is the Intel hypervisor image alone, measured exactly (no approximation)', () => {
    const m = known(facts.footprint.hypervisorCode);
    expect(m).toEqual({
      bytes: 1925632,
      counted: [{ item: 'C:\\Windows\\System32\\hvix64.exe', bytes: 1925632, role: 'hypervisor' }],
    });
  });

  it('the trusted computing base adds the root kernel, running drivers and the VM management images with their DLLs, not other services', () => {
    const m = known(facts.footprint.trustedComputingBase);
    const names = items(m).map((i) => i.split('\\').pop()!.toLowerCase());
    expect(names).toEqual(
      expect.arrayContaining([
        'hvix64.exe',
        'ntoskrnl.exe',
        'hal.dll',
        'vmswitch.sys',
        'vid.sys',
        'mlx5.sys',
        'vmms.exe',
        'vmcompute.exe',
        'vmwp.exe',
      ]),
    );
    expect(names).toEqual(expect.arrayContaining(['ntdll.dll', 'combase.dll', 'vmchipset.dll']));
    for (const outside of ['svchost.exe', 'msmpeng.exe', 'sshd.exe', 'wsmsvc.dll'])
      expect(names).not.toContain(outside);
    // ntdll.dll is loaded by vmms, vmcompute and vmwp alike: one image, counted once.
    expect(new Set(names).size).toBe(names.length);
    const distinct = new Map<string, number>();
    const add = (image: Doc | null) => image && distinct.set(image.path.toLowerCase(), image.bytes);
    doc.footprint.kernel.forEach(add);
    doc.footprint.drivers.forEach((d: Doc) => add(d.image));
    doc.footprint.services.filter((s: Doc) => ['vmms', 'vmcompute'].includes(s.name)).forEach((s: Doc) => add(s.image));
    add(doc.footprint.vmWorker);
    doc.footprint.vmManagementModules.forEach((p: Doc) => p.images.forEach(add));
    expect(m.bytes).toBe(1925632 + [...distinct.values()].reduce((t, b) => t + b, 0));
    expect(m.counted.find((c) => c.item.endsWith('vmms.exe'))).toMatchObject({ role: 'VM management service vmms' });
    expect(m.counted.find((c) => c.item.endsWith('vmchipset.dll'))).toMatchObject({ role: 'loaded by vmwp.exe' });
    expect(m.approximation).toMatch(
      /^Hyper-V approximation \(lower bound\): .*not counted, nor the DLLs of a VM-management process that could not be opened/,
    );
    // Today's definition is the catalogue's, not repeated in every host's facts.
    expect(m.definition).toBeUndefined();
  });

  it('DLLs of a VM-management process that could not be opened are listed as unknown, not as none', () => {
    const edited = fixture('ws2022-hardened');
    edited.footprint.vmManagementModules = edited.footprint.vmManagementModules.filter(
      (p: Doc) => p.process !== 'vmwp.exe',
    );
    edited.footprint.vmManagementModules.push({ process: 'vmwp.exe', pid: 5100, images: [] });
    edited.readErrors.footprint = { 'modules:vmwp.exe': 'Get-Process -Module failed: Access is denied' };
    const m = known(factsFrom(edited).footprint.trustedComputingBase);
    expect(m.counted).toContainEqual({
      item: 'DLLs of vmwp.exe (Get-Process -Module failed: Access is denied)',
      role: 'loaded by vmwp.exe',
    });
    expect(items(m).some((i) => i.toLowerCase().endsWith('vmchipset.dll'))).toBe(false);
  });

  it('the exposed surface counts the images behind non-loopback listeners, kernel listeners by their driver and service', () => {
    const m = known(facts.footprint.managementSurface);
    expect(m.counted.map((c) => [c.item.split('\\').pop(), c.role])).toEqual([
      ['http.sys', 'tcp/5986'],
      ['WsmSvc.dll', 'tcp/5986'],
      ['sshd.exe', 'tcp/22'],
      ['vmms.exe', 'tcp/6600'],
      ['srv2.sys', 'tcp/445'],
      ['srvnet.sys', 'tcp/445'],
      ['srvsvc.dll', 'tcp/445'],
      // NTP's socket (w32time) is a listener, counted by its svchost image. udp/58231 is in the dynamic port range: a
      // sending socket, not a listener (the exposure facts agree).
      ['svchost.exe', 'udp/123'],
    ]);
    // 127.0.0.1:47001 is loopback: WinRM's local listener adds nothing.
    expect(m.bytes).toBe(
      ['http.sys', 'WsmSvc.dll', 'vmms.exe', 'srv2.sys', 'srvnet.sys', 'srvsvc.dll'].reduce(
        (t, f) => t + sizeOf(doc, f),
        0,
      ) +
        1_082_880 +
        57_360,
    );
    expect(m.approximation).toMatch(/firewall is not considered/);
  });

  it('a listener whose process has no image in the process table is named, with no bytes', () => {
    const edited = structuredClone(doc);
    edited.footprint.processes = edited.footprint.processes.filter((p: Doc) => p.pid !== 1390);
    edited.footprint.services = edited.footprint.services.filter((s: Doc) => s.pid !== 1390);
    const m = known(factsFrom(edited).footprint.managementSurface);
    expect(m.counted).toContainEqual({ item: 'process svchost.exe (pid 1390, no image path)', role: 'udp/123' });
  });

  it('a svchost-hosted listener counts its ServiceDll beside svchost.exe instead of collapsing into it', () => {
    const risky = factsFromText(fixtureText('data/lab/hyperv/ws2022-risky.json'));
    const m = known(risky.footprint.managementSurface);
    const byName = new Map(m.counted.map((c) => [c.item.split('\\').pop()!.toLowerCase(), c]));
    expect(byName.get('svchost.exe')).toMatchObject({ role: 'tcp/3389' });
    expect(byName.get('termsrv.dll')).toMatchObject({ role: 'tcp/3389' });
    expect(byName.get('http.sys')?.role).toBe('tcp/5985, tcp/5986, tcp/80');
    expect(byName.get('teamviewer_service.exe')).toMatchObject({ role: 'tcp/5938' });
  });

  it('an image whose size could not be read is listed without bytes and adds nothing to the total', () => {
    const edited = fixture('ws2022-hardened');
    edited.footprint.processes.find((p: Doc) => p.pid === 2900).image.bytes = null;
    const m = known(factsFrom(edited).footprint.managementSurface);
    expect(m.counted.find((c) => c.item.endsWith('sshd.exe'))).toEqual({
      item: 'C:\\Windows\\System32\\OpenSSH\\sshd.exe',
      role: 'tcp/22',
    });
    expect(m.bytes).toBe((known(facts.footprint.managementSurface).bytes as number) - 1_082_880);
  });

  it('a ServiceDll the collector could not read is listed as unknown, never as "no ServiceDll"', () => {
    const risky = JSON.parse(fixtureText('data/lab/hyperv/ws2022-risky.json')) as Doc;
    risky.footprint.services.find((s: Doc) => s.name === 'TermService').serviceDll = null;
    risky.readErrors.footprint = {
      'serviceDll:TermService': 'ServiceDll not readable: Requested registry access is not allowed.',
    };
    const m = known(factsFrom(risky).footprint.managementSurface);
    expect(m.counted).toContainEqual({
      item: 'service TermService (ServiceDll not readable: Requested registry access is not allowed.)',
      role: 'tcp/3389',
    });
    expect(m.counted.some((c) => c.item.toLowerCase().endsWith('termsrv.dll'))).toBe(false);
  });

  it('a kernel listener on a port the table does not know stays in the list without an image', () => {
    const edited = fixture('ws2022-hardened');
    edited.listening.items.push({
      address: '0.0.0.0',
      port: 2179,
      protocol: 'tcp',
      pid: 4,
      process: 'System',
      service: null,
    });
    const m = known(factsFrom(edited).footprint.managementSurface);
    expect(m.counted).toContainEqual({ item: 'kernel listener tcp/2179 (System process)', role: 'tcp/2179' });
  });

  it('a failed footprint section leaves the hypervisor measure and makes the others unknown with the reason', () => {
    const edited = fixture('ws2022-hardened');
    edited.footprint = null;
    edited.errors.footprint = {
      message: 'Access is denied.',
      type: 'Microsoft.Management.Infrastructure.CimException',
      fqid: 'HRESULT 0x80041003',
    };
    const f = factsFrom(edited).footprint;
    expect(known(f.hypervisorCode).bytes).toBe(1925632);
    expect(f.trustedComputingBase).toEqual({ unknown: true, reason: 'section footprint failed: Access is denied.' });
    expect(f.managementSurface).toEqual(f.trustedComputingBase);
  });

  it('an unreadable listening list makes only the surface unknown', () => {
    const edited = fixture('ws2022-hardened');
    edited.readErrors.listening = { tcp: 'Get-NetTCPConnection failed: Access denied' };
    const f = factsFrom(edited).footprint;
    expect(f.managementSurface).toEqual({
      unknown: true,
      reason: 'listening endpoints unknown: Get-NetTCPConnection failed: Access denied',
    });
    expect(known(f.trustedComputingBase).bytes).toBeGreaterThan(0);
  });

  it('without a hypervisor image, hypervisor code and the trusted computing base are unknown; the surface stays', () => {
    const edited = fixture('ws2022-hardened');
    edited.hypervisorBinary.files = [];
    const f = factsFrom(edited).footprint;
    const reason =
      'hypervisor image not found (looked for C:\\Windows\\System32\\hvix64.exe, C:\\Windows\\System32\\hvax64.exe)';
    expect(f.hypervisorCode).toEqual({ unknown: true, reason });
    expect(f.trustedComputingBase).toEqual({ unknown: true, reason });
    expect(known(f.managementSurface).counted.length).toBe(8);
  });
});

describe('Hyper-V lab profiles: every measure known, like for like', () => {
  const profiles = readdirSync(projectFile('data/lab/hyperv')).filter((f) => f.endsWith('.json'));

  it.each(profiles)('%s: hypervisor code < trusted computing base, each with its images as evidence', (file) => {
    const f = factsFromText(fixtureText(`data/lab/hyperv/${file}`)).footprint;
    const [code, tcb, surface] = [known(f.hypervisorCode), known(f.trustedComputingBase), known(f.managementSurface)];
    expect(typeof code.bytes).toBe('number');
    expect(tcb.bytes).toBeGreaterThan(code.bytes as number);
    expect(surface.counted.length).toBeGreaterThan(0);
    for (const m of [code, tcb, surface]) expect(m.bytes).toBe(m.counted.reduce((t, c) => t + (c.bytes ?? 0), 0));
  });
});

describe('data/footprint/windows-kernel-listeners.json', () => {
  it('names the driver and service behind System-process ports, each port once per protocol, each with a source', async () => {
    const { kernelListener } = await import('../../connectors/hyperv/facts/data.js');
    expect(kernelListener('tcp', 5985)).toMatchObject({ drivers: ['http.sys'], services: ['WinRM'] });
    expect(kernelListener('TCP', 445)).toMatchObject({
      drivers: ['srv2.sys', 'srvnet.sys'],
      services: ['LanmanServer'],
    });
    expect(kernelListener('udp', 445)).toBeUndefined();
    expect(kernelListener('tcp', 2179)).toBeUndefined();
    const table = JSON.parse(fixtureText('data/footprint/windows-kernel-listeners.json')) as {
      ports: Array<{ protocol: string; ports: number[]; source: string }>;
    };
    const keys = table.ports.flatMap((p) => p.ports.map((port) => `${p.protocol}/${port}`));
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of table.ports) expect(p.source).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });
});
