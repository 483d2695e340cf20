import type { HypervHostFacts } from '../src/model/index.js';
import { defineRule, isUnknown, noParams, result } from '../src/rules/define.js';
import { hypervRoleMissing } from '../src/rules/helpers.js';

/** SSH, RPC, SMB, RDP, WinRM, Replica HTTP(S), live migration (6600 per the reference, unverified). */
const MANAGEMENT_PORTS = new Set([22, 80, 135, 443, 445, 3389, 5985, 5986, 6600]);
const ANY_ADDRESS = new Set(['0.0.0.0', '::', '*', '[::]']);

/** Management ports the VMs on this switch can reach: listening on any address or on a host vNIC of the switch. */
function reachablePorts(facts: HypervHostFacts, switchName: string): number[] | undefined {
  if (isUnknown(facts.exposure.listening)) return undefined;
  const vnicIps = new Set(
    isUnknown(facts.exposure.hostVnics) ? [] : facts.exposure.hostVnics.filter((v) => v.switchName === switchName).flatMap((v) => v.ips ?? []),
  );
  const ports = facts.exposure.listening
    .filter((l) => MANAGEMENT_PORTS.has(l.port) && (ANY_ADDRESS.has(l.address) || vnicIps.has(l.address)))
    .map((l) => l.port);
  return [...new Set(ports)].sort((a, b) => a - b);
}

export default defineRule({
  id: 'hyperv-management-os-shares-vm-switch',
  title: 'The management OS shares an external virtual switch with the VMs',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    'With AllowManagementOS on an external switch, the parent partition gets a vNIC on the same layer-2 segment as the VMs, so the host\'s management services (WinRM, RDP, SMB) face the guests.',
  risk: 'A compromised VM can reach the management partition, which controls every VM on the host, directly over the VM network.',
  remediation: {
    text: 'Reserve external switches for VMs and manage the host through a dedicated adapter or a separate switch/VLAN.',
    powershell: "Set-VMSwitch -Name '<switch>' -AllowManagementOS $false",
  },
  references: {
    bpa: ['Reserve one or more external virtual networks for exclusive use by virtual machines'],
    urls: ['https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server'],
  },
  params: noParams,
  evaluate(facts) {
    if (facts.platform !== 'hyperv') return result.notApplicable('platform', 'Hyper-V only');
    const switches = facts.exposure.switches;
    if (isUnknown(switches)) return result.unknown('exposure.switches', switches);
    const external = switches.filter((s) => /^external$/i.test(s.switchType));
    if (external.length === 0) {
      return hypervRoleMissing(facts) ?? result.pass('exposure.switches', 'No external virtual switch exists.', [], 'AllowManagementOS false');
    }
    return external.map((s) => {
      const path = `exposure.switches[${s.name}].allowManagementOS`;
      if (!s.allowManagementOS) return result.pass(path, `External switch ${s.name} is reserved for VMs.`, false, false, s.name);
      const ports = reachablePorts(facts, s.name);
      const reach =
        ports === undefined
          ? ' Listening ports are unknown.'
          : ports.length > 0
            ? ` Management ports reachable from those VMs: ${ports.join(', ')}.`
            : '';
      return result.fail(path, `External switch ${s.name} also carries a management-OS vNIC, shared with VMs.${reach}`, { allowManagementOS: true, managementPorts: ports ?? null }, { allowManagementOS: false }, s.name);
    });
  },
});
