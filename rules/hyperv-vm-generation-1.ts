import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { perVm } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vm-generation-1',
  title: 'A VM on the Hyper-V host is generation 1 (no UEFI Secure Boot, vTPM or shielding)',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'vm-hardening',
  rationale:
    'Generation 2 VMs boot with UEFI, support Secure Boot, vTPM and shielding, and drop emulated legacy devices that widen the attack surface of the VM worker process.',
  risk: 'Guests cannot use Secure Boot or a vTPM, and emulated legacy devices stay reachable from the guest.',
  remediation: { text: 'Rebuild or convert the VM as generation 2 when the guest OS supports UEFI.' },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    return perVm(facts, 'The host has no VMs.', (vm, path) => {
      if (vm.generation === undefined)
        return result.unknown(`${path}.generation`, `generation of ${vm.name} was not reported`, vm.name);
      return vm.generation >= 2
        ? result.pass(`${path}.generation`, `${vm.name} is generation ${vm.generation}.`, vm.generation, 2, vm.name)
        : result.fail(`${path}.generation`, `${vm.name} is generation 1.`, vm.generation, 2, vm.name);
    });
  },
});
