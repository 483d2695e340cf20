import { describe, expect, it } from 'vitest';
import { featureCapabilities } from '../../connectors/esxi/facts/index.js';
import { mapModuleImages, mapModules, mapVibs } from '../../connectors/esxi/facts/software.js';
import { loadCatalogs } from '../../connectors/esxi/facts/catalog.js';
import { classifyManagedBy, vmNicsByPortgroup } from '../../connectors/esxi/facts/vms.js';
import { HostAssembly } from '../../connectors/esxi/inventory/host-assembly.js';

// govmomi vim25/types/types.go: SoftwarePackage.Name, KernelModuleInfo.Name and HostFeatureCapability.Key/Value carry no
// omitempty (required on the wire). A reply without them is unknown naming the entry, never '(unnamed)' or ''.
describe('ESXi names and values vim25 requires', () => {
  it('a VIB without a name makes the VIB list unknown', () => {
    const vibs = mapVibs({ ok: true, value: [{ name: 'esx-base', version: '8.0.3' }, { version: '1.0' }] });
    expect(vibs).toEqual({
      unknown: true,
      reason: 'fetchSoftwarePackages: package 2 has no name, which vim25 SoftwarePackage requires',
    });
  });

  it('a loaded module without a name makes the modules unknown', () => {
    const reply = { ok: true as const, value: [{ loaded: true, textSection: { length: 4096 } }] };
    const why = { unknown: true, reason: 'QueryModules: module 1 has no name, which vim25 KernelModuleInfo requires' };
    expect(mapModules(reply, new Map())).toEqual(why);
    // Nor does the footprint count a 'module ?'.
    expect(mapModuleImages(reply)).toEqual(why);
  });

  it('a feature capability without a key or a value is unknown, not an empty key or value', () => {
    expect(featureCapabilities([{ key: 'hv.capable', value: '1' }, { key: 'cpuid.VMX' }])).toEqual({
      unknown: true,
      reason: 'config.featureCapability entry 2 (cpuid.VMX) has no value',
    });
    expect(featureCapabilities([{ value: '1' }])).toEqual({
      unknown: true,
      reason: 'config.featureCapability entry 1 has no key',
    });
    expect(featureCapabilities([{ key: 'hv.capable', value: '1' }])).toEqual({ 'hv.capable': '1' });
  });
});

describe('network names (ManagedEntity.name, required)', () => {
  const ref = (type: string, value: string) => ({ _type: 'ManagedObjectReference' as const, type, value });

  it('a network without a name is not named "", and a VM on it makes the port-group VM counts unknown', () => {
    const assembly = new HostAssembly(() => {
      throw new Error('no host in this page');
    });
    assembly.add([
      { obj: ref('Network', 'net-1'), props: { name: 'VM Network' }, missing: {} },
      { obj: ref('Network', 'net-2'), props: {}, missing: {} },
    ]);
    expect([...assembly.networkNames]).toEqual([['Network:net-1', 'VM Network']]);
    const vm = {
      obj: ref('VirtualMachine', 'vm-7'),
      props: { name: 'web01', network: [ref('Network', 'net-2')] },
      missing: {},
    };
    expect(vmNicsByPortgroup([vm], assembly.networkNames)).toEqual({
      unknown: true,
      reason: 'VM web01: network Network:net-2 has no name in the reply',
    });
  });
});

describe('config.managedBy (ManagedByInfo.type, required)', () => {
  it('an EAM-managed VM without a type is neither a partner service VM nor a vCLS agent: unknown', () => {
    const { serviceVms } = loadCatalogs();
    const eam = (type?: string) => ({
      _type: 'ManagedByInfo',
      extensionKey: 'com.vmware.vim.eam',
      ...(type ? { type } : {}),
    });
    expect(classifyManagedBy(eam(), serviceVms)).toEqual({
      partner: {
        unknown: true,
        reason:
          'config.managedBy of extension com.vmware.vim.eam gave no type (ManagedByInfo.type), which tells a vCLS agent from a partner service VM',
      },
      note: 'managed by extension com.vmware.vim.eam, type not reported',
    });
    expect(classifyManagedBy(eam('cluster-agent'), serviceVms)?.partner).toBe(false);
    expect(classifyManagedBy(eam('antivirus'), serviceVms)?.partner).toBe(true);
  });
});
