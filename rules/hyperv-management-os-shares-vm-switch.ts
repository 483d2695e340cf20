import { defineRule, isUnknown, noParams, result } from '../src/rules/define.js';
import { hypervRoleMissing } from '../src/rules/helpers.js';

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
      return s.allowManagementOS
        ? result.fail(path, `External switch ${s.name} also carries a management-OS vNIC, shared with VMs.`, true, false, s.name)
        : result.pass(path, `External switch ${s.name} is reserved for VMs.`, false, false, s.name);
    });
  },
});
