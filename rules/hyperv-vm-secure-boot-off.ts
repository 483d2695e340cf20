import { isUnknown } from '../src/core/model/index.js';
import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { perVm } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vm-secure-boot-off',
  title: 'A generation 2 VM runs with Secure Boot off',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'vm-hardening',
  rationale:
    'Secure Boot in a generation 2 VM stops bootkits in the guest and is a prerequisite for VBS inside the guest.',
  risk: 'Malware that controls the guest boot path persists below the guest OS.',
  remediation: {
    text: 'Turn on Secure Boot with the matching template (MicrosoftUEFICertificateAuthority for Linux).',
    powershell: "Set-VMFirmware -VMName '<vm>' -EnableSecureBoot On -SecureBootTemplate MicrosoftWindows",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    return perVm(facts, 'The host has no generation 2 VMs.', (vm, path) => {
      if (vm.generation !== undefined && vm.generation < 2) return undefined;
      const sb = vm.secureBoot;
      if (sb === undefined)
        return result.unknown(`${path}.secureBoot`, `Secure Boot state of ${vm.name} was not reported`, vm.name);
      if (isUnknown(sb)) return result.unknown(`${path}.secureBoot`, sb, vm.name);
      return sb
        ? result.pass(`${path}.secureBoot`, `${vm.name} boots with Secure Boot.`, true, true, vm.name)
        : result.fail(`${path}.secureBoot`, `${vm.name} has Secure Boot off.`, false, true, vm.name);
    });
  },
});
