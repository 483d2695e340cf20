import { describe, expect, it } from 'vitest';
import { factsFrom, fixture, known, reason } from './fixtures.js';

// Values the collector did not give are unknown naming what was missing, never a stand-in ('unknown', 'Feature', '').
describe('Hyper-V values a cmdlet or class left out', () => {
  it('a vmms service without StartMode or State (Win32_Service) is not given a start mode', () => {
    const doc = fixture('ws2022-hardened');
    doc.hypervRole.vmms.startMode = null;
    expect(reason(known(factsFrom(doc).hyperv.role.vmms).startMode)).toBe('Win32_Service gave no StartMode for vmms');
    doc.hypervRole.vmms.state = null;
    expect(reason(factsFrom(doc).hyperv.role.vmms)).toBe('Win32_Service gave no State for vmms');
  });

  it('a Windows feature without FeatureType (Get-WindowsFeature) is not taken for a Feature', () => {
    const doc = fixture('ws2022-hardened');
    doc.features.items[0].type = null;
    const [first] = known(factsFrom(doc).hyperv.features);
    expect(first!.name).toBe('Hyper-V');
    expect(reason(first!.type)).toBe('Get-WindowsFeature gave no FeatureType for Hyper-V');
  });
});

describe('the hypervisor image and the CPU vendor', () => {
  it('a CPU without Manufacturer (Win32_Processor) does not pick one of two hypervisor images, nor name "" the vendor', () => {
    const doc = fixture('ws2022-hardened');
    // The fixture has both images, as System32 does on Intel and AMD hosts alike.
    expect(doc.hypervisorBinary.files).toHaveLength(2);
    for (const p of doc.cpu.processors) p.manufacturer = null;
    const facts = factsFrom(doc);
    expect(reason(facts.hyperv.hypervisorBinary)).toBe(
      'Win32_Processor gave no Manufacturer, so which of hvix64.exe, hvax64.exe runs is not known',
    );
    expect(reason(facts.footprint.hypervisorCode)).toContain('Win32_Processor gave no Manufacturer');
    expect(reason(facts.cpu.virtualization.extension)).toBe(
      'Win32_Processor gave no Manufacturer, so VT-x or AMD-V is not known',
    );
  });

  it('a hypervisor image without a file version or a path is unknown there, not "" or "unknown"', () => {
    const doc = fixture('ws2022-hardened');
    const [image] = doc.hypervisorBinary.files.filter((f: { name: string }) => f.name === 'hvix64.exe');
    image.version = null;
    expect(reason(known(factsFrom(doc).hyperv.hypervisorBinary).version)).toBe(
      `Get-Item gave no file version for ${image.path}`,
    );
    image.path = null;
    expect(reason(factsFrom(doc).hyperv.hypervisorBinary)).toBe('the hypervisor image entry has no path');
  });
});

describe('drivers', () => {
  it('a PnP driver entry with neither DeviceName nor InfName makes the drivers unknown, not an "unnamed device"', () => {
    const doc = fixture('ws2022-hardened');
    expect(doc.drivers.pnp.length).toBeGreaterThan(0);
    doc.drivers.pnp[0].deviceName = null;
    doc.drivers.pnp[0].infName = null;
    expect(reason(factsFrom(doc).drivers)).toBe('Win32_PnPSignedDriver entry 1 has neither DeviceName nor InfName');
  });
});
