import { describe, expect, it } from 'vitest';
import { ESXI_PROFILE_NAMES, loadProfile } from '../../../src/lab/esxi/index.js';
import { Inventory } from '../../../src/lab/esxi/inventory.js';
import { invoke } from '../../../src/lab/esxi/methods.js';
import { loadVcenterAbout } from '../../../src/lab/esxi/profile.js';
import { SessionStore } from '../../../src/lab/esxi/sessions.js';
import { Data, VimList, type VimValue } from '../../../src/lab/esxi/values.js';
import { fieldsOf, vim25 } from '../../esxi/vim25-schema.js';

/** Result types of the internal esxcli methods: govmomi's internal/types.go, not the public WSDL. */
const INTERNAL_TYPES = new Set(['ReflectManagedMethodExecuterSoapResult', 'ReflectManagedMethodExecuterSoapFault']);

/** Every data object the lab renders, and every field it sets, must exist in the vSphere API's types. */
function problems(value: VimValue | undefined, where: string, out: string[], seen = new Set<string>()): void {
  if (value instanceof VimList) value.items.forEach((item, i) => problems(item, `${where}[${i}]`, out, seen));
  if (!(value instanceof Data)) return;
  seen.add(value.type);
  if (INTERNAL_TYPES.has(value.type)) return;
  if (!vim25.dataObjects[value.type]) {
    out.push(`${where}: ${value.type} is not a vim25 data object`);
    return;
  }
  const fields = fieldsOf(value.type);
  for (const [name, v] of Object.entries(value.fields)) {
    if (v === undefined) continue;
    if (!fields[name]) out.push(`${where}: ${value.type} has no field "${name}"`);
    problems(v, `${where}.${name}`, out, seen);
  }
}

function inventoryProblems(inv: Inventory, seen = new Set<string>()): string[] {
  const out: string[] = [];
  const session = new SessionStore(60_000).create('root');
  for (const mo of inv.objects.values()) {
    const props = mo.properties();
    const moFields = vim25.managedObjects[mo.ref.type] ? fieldsOf(mo.ref.type) : undefined;
    for (const [name, v] of Object.entries(props)) {
      if (v === undefined) continue;
      if (moFields && !moFields[name]) out.push(`${mo.ref.type}:${mo.ref.value}: no property "${name}"`);
      problems(v, `${mo.ref.type}.${name}`, out, seen);
    }
  }
  // The manager methods the connector calls, as the lab answers them.
  const host = inv.hosts[0]!;
  const calls: Array<[keyof typeof host.managers, string, Record<string, string>]> = [
    ['imageConfigManager', 'fetchSoftwarePackages', {}],
    ['imageConfigManager', 'HostImageConfigGetProfile', {}],
    ['kernelModuleSystem', 'QueryModules', {}],
    ['virtualNicManager', 'QueryNetConfig', { nicType: 'management' }],
  ];
  for (const [manager, method, args] of calls)
    problems(invoke(inv, session, host.managers[manager], method, args), method, out, seen);
  return out;
}

describe('the lab simulator renders only what the vSphere API defines (vim25-types.json)', () => {
  for (const name of ESXI_PROFILE_NAMES) {
    it(`standalone ${name}: every property, data object and field exists`, () => {
      const seen = new Set<string>();
      expect(
        inventoryProblems(new Inventory('esxi', [{ name: 'esx', profile: loadProfile(name) }], undefined), seen),
      ).toEqual([]);
      expect([...seen]).toEqual(
        expect.arrayContaining([
          'HostConfigInfo',
          'HostFirewallRuleset',
          'HostSnmpConfigSpec',
          'KernelModuleInfo',
          'SoftwarePackage',
          'VirtualNicManagerNetConfig',
        ]),
      );
    });
  }

  it('vCenter 8.0.3 with two hosts: the same', () => {
    const hosts = [
      { name: 'a', profile: loadProfile('esxi-8.0-risky') },
      { name: 'b', profile: loadProfile('esxi-7.0-hardened') },
    ];
    expect(inventoryProblems(new Inventory('vcenter', hosts, loadVcenterAbout('8.0.3')))).toEqual([]);
  });

  it('the check catches a field or a type the API does not define', () => {
    const out: string[] = [];
    problems(new Data('HostSnmpConfigSpec', { enabled: true, users: 'x' }), 'snmp', out);
    problems(new Data('HostSecretSpec', {}), 'x', out);
    expect(out).toEqual([
      'snmp: HostSnmpConfigSpec has no field "users"',
      'x: HostSecretSpec is not a vim25 data object',
    ]);
  });
});
