import { z } from 'zod';
import { isUnknown } from '../src/core/model/index.js';
import { defineRule, result } from '../src/rules/kit/define.js';
import { perVm } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vm-checkpoints-present',
  title: 'VMs on the Hyper-V host keep checkpoints',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'resilience',
  rationale:
    'Checkpoints on production server workloads grow differencing disks, slow I/O and can roll services back to stale state; copies of memory and disk state also outlive the data they hold.',
  risk: 'Old checkpoints keep secrets that were meant to be deleted and a revert can reintroduce removed accounts or vulnerabilities.',
  remediation: {
    text: 'Delete checkpoints after use; use backups instead of long-lived checkpoints.',
    powershell: "Get-VMSnapshot -VMName '<vm>' | Remove-VMSnapshot",
  },
  references: {
    bpa: ['Avoid using checkpoints on a virtual machine that runs a server workload in a production environment'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: z
    .object({ maxCheckpoints: z.number().int().min(0).default(0).describe('Most checkpoints a VM may keep.') })
    .strict(),
  evaluate(facts, params) {
    return perVm(facts, 'The host has no VMs.', (vm, path) => {
      const p = `${path}.checkpoints`;
      if (vm.checkpoints === undefined)
        return result.unknown(p, `checkpoints of ${vm.name} were not reported`, vm.name);
      if (isUnknown(vm.checkpoints)) return result.unknown(p, vm.checkpoints, vm.name);
      return vm.checkpoints > params.maxCheckpoints
        ? result.fail(
            p,
            `${vm.name} has ${vm.checkpoints} checkpoint(s).`,
            vm.checkpoints,
            `<= ${params.maxCheckpoints}`,
            vm.name,
          )
        : result.pass(
            p,
            `${vm.name} has ${vm.checkpoints} checkpoint(s).`,
            vm.checkpoints,
            `<= ${params.maxCheckpoints}`,
            vm.name,
          );
    });
  },
});
