import { z } from 'zod';
import { isUnknown } from '../src/core/model/index.js';
import { defineRule, result } from '../src/rules/kit/define.js';
import { perVm } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vm-nested-virtualization',
  title: 'A VM exposes hardware virtualization extensions to its guest (nested virtualization)',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'vm-hardening',
  rationale:
    'Nested virtualization gives the guest its own hypervisor and a larger interface to the host hypervisor; Microsoft advises against it in production.',
  risk: 'A wider guest-to-host attack surface, and guests that can hide workloads in their own VMs.',
  remediation: {
    text: 'Turn nested virtualization off for production VMs.',
    powershell: "Set-VMProcessor -VMName '<vm>' -ExposeVirtualizationExtensions $false",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: z
    .object({
      allowed: z.boolean().default(false).describe('Whether nested virtualization is acceptable (lab hosts).'),
    })
    .strict(),
  evaluate(facts, params) {
    if (params.allowed) return result.notApplicable('vms.items', 'The profile allows nested virtualization.');
    return perVm(facts, 'The host has no VMs.', (vm, path) => {
      const nested = vm.nestedVirtualization;
      const p = `${path}.nestedVirtualization`;
      if (nested === undefined)
        return result.unknown(p, `nested virtualization of ${vm.name} was not reported`, vm.name);
      if (isUnknown(nested)) return result.unknown(p, nested, vm.name);
      return nested
        ? result.fail(p, `${vm.name} exposes virtualization extensions to its guest.`, true, false, vm.name)
        : result.pass(p, `${vm.name} does not expose virtualization extensions.`, false, false, vm.name);
    });
  },
});
