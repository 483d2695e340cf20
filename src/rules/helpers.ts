import { isUnknown, type HypervHostFacts, type VmSummary } from '../model/index.js';
import { result, type RuleResult } from './define.js';

type Vm = import('zod').infer<typeof VmSummary>;

/** A not_applicable result for non-Hyper-V-role hosts, or undefined when the role is installed. */
export function hypervRoleMissing(facts: HypervHostFacts): RuleResult | undefined {
  const installed = facts.hyperv.role.hypervInstalled;
  if (isUnknown(installed)) return undefined;
  return installed ? undefined : result.notApplicable('hyperv.role.hypervInstalled', 'The Hyper-V role is not installed.');
}

/**
 * One result per VM: `judge` returns a result for a VM or undefined when the VM has nothing to judge; hosts without
 * VMs (or none to judge) pass once.
 */
export function perVm(
  facts: { vms: HypervHostFacts['vms'] },
  noneMessage: string,
  judge: (vm: Vm, path: string) => RuleResult | undefined,
): RuleResult[] {
  if (isUnknown(facts.vms)) return [result.unknown('vms', facts.vms)];
  const results: RuleResult[] = [];
  const items = facts.vms.items;
  for (let i = 0; i < items.length; i++) {
    const judged = judge(items[i]!, `vms.items[${i}]`);
    if (judged) results.push(judged);
  }
  return results.length > 0 ? results : [result.pass('vms.items', noneMessage, facts.vms.count)];
}

export const MICROSOFT = /microsoft/i;

/** "Auto"/"Automatic"/"automatic (delayed start)" → true. */
export function isAutomaticStart(mode: string | undefined): boolean {
  return /^auto/i.test(mode ?? '');
}

/** Windows Server 2016 (build 14393) introduced VBS, HVCI and Credential Guard; older builds lack Win32_DeviceGuard. */
const FIRST_VBS_BUILD = 14393;

export function vbsUnsupported(facts: HypervHostFacts): RuleResult | undefined {
  const build = facts.hyperv.os.build;
  if (isUnknown(build) || build >= FIRST_VBS_BUILD) return undefined;
  return result.notApplicable('hyperv.os.build', `Build ${build} predates Windows Server 2016: no virtualization-based security.`);
}
