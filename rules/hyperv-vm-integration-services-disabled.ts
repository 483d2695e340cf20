import { z } from 'zod';
import { defineRule, isUnknown, result } from '../src/rules/kit/define.js';
import { perVm } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vm-integration-services-disabled',
  title: 'A VM has integration services turned off',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'vm-hardening',
  rationale:
    'Integration services carry time sync, heartbeat, shutdown, backup (VSS) and key-value exchange; the BPA asks that all offered services be enabled. Guest Service Interface is off by default and stays out of this check.',
  risk: 'Clock drift breaks Kerberos, backups are not application-consistent, and hosts cannot shut guests down cleanly.',
  remediation: {
    text: 'Enable the integration services the guest needs.',
    powershell: "Enable-VMIntegrationService -VMName '<vm>' -Name '<service>'",
  },
  references: {
    bpa: ['Enable all integration services in virtual machines'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: z
    .object({
      ignore: z
        .array(z.string())
        .default(['Guest Service Interface'])
        .describe('Integration services that may stay off (Guest Service Interface is off by default).'),
    })
    .strict(),
  evaluate(facts, params) {
    const ignore = new Set(params.ignore.map((s) => s.toLowerCase()));
    return perVm(facts, 'The host has no VMs.', (vm, path) => {
      const p = `${path}.integrationServices`;
      if (vm.integrationServices === undefined)
        return result.unknown(p, `integration services of ${vm.name} were not reported`, vm.name);
      const judged = vm.integrationServices.filter((s) => !ignore.has(s.name.toLowerCase()));
      const off = judged.filter((s) => s.enabled === false).map((s) => s.name);
      if (off.length > 0)
        return result.fail(p, `${vm.name} has disabled integration services: ${off.join(', ')}.`, off, [], vm.name);
      const unreported = judged.filter((s) => isUnknown(s.enabled)).map((s) => s.name);
      return unreported.length > 0
        ? result.unknown(p, `whether ${unreported.join(', ')} of ${vm.name} is enabled was not reported`, vm.name)
        : result.pass(p, `${vm.name} has its integration services enabled.`, [], [], vm.name);
    });
  },
});
