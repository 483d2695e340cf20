import {
  isUnknown,
  type HypervHostFacts,
  type Severity,
  type UnknownFact,
  type VmSummary,
} from '../../core/model/index.js';
import { stigSeverity } from './baselines.js';
import { result, type RuleResult } from './define.js';

type Vm = import('zod').infer<typeof VmSummary>;
type Known<T> = Exclude<T, UnknownFact | undefined>;
export type FirewallProfile = Known<HypervHostFacts['exposure']['firewallProfiles']>[number];
export type DeviceGuard = Known<HypervHostFacts['hyperv']['deviceGuard']>;
export type VmNetworkAdapter = Known<HypervHostFacts['hyperv']['vmNetworkAdapters']>[number];

/** A not_applicable result for non-Hyper-V-role hosts, or undefined when the role is installed. */
export function hypervRoleMissing(facts: HypervHostFacts): RuleResult | undefined {
  const installed = facts.hyperv.role.hypervInstalled;
  if (isUnknown(installed)) return undefined;
  return installed
    ? undefined
    : result.notApplicable('hyperv.role.hypervInstalled', 'The Hyper-V role is not installed.');
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

function vbsUnsupported(facts: HypervHostFacts): RuleResult | undefined {
  const build = facts.hyperv.os.build;
  if (isUnknown(build) || build >= FIRST_VBS_BUILD) return undefined;
  return result.notApplicable(
    'hyperv.os.build',
    `Build ${build} predates Windows Server 2016: no virtualization-based security.`,
  );
}

/** Runs `judge` on the Device Guard state of a host that can run VBS; unknown when the state was not read. */
export function withDeviceGuard(
  facts: HypervHostFacts,
  path: string,
  judge: (dg: DeviceGuard) => RuleResult,
): RuleResult {
  const unsupported = vbsUnsupported(facts);
  if (unsupported) return unsupported;
  const dg = facts.hyperv.deviceGuard;
  return isUnknown(dg) ? result.unknown(path, dg) : judge(dg);
}

/** One result per Windows Firewall profile; unknown when the profiles were not read or none was reported. */
export function perFirewallProfile(
  facts: HypervHostFacts,
  judge: (profile: FirewallProfile) => RuleResult,
): RuleResult | RuleResult[] {
  const profiles = facts.exposure.firewallProfiles;
  if (isUnknown(profiles)) return result.unknown('exposure.firewallProfiles', profiles);
  if (profiles.length === 0) return result.unknown('exposure.firewallProfiles', 'no firewall profile was reported');
  return profiles.map(judge);
}

export interface AdapterCheck {
  /** The adapter breaks the control. */
  offends(adapter: VmNetworkAdapter): boolean;
  fail(adapter: VmNetworkAdapter): RuleResult;
  /** The settings the control reads: one that is unknown, with no adapter offending, leaves the host unknown. */
  reads(adapter: VmNetworkAdapter): readonly unknown[];
  passMessage: string;
}

/** Where a VM adapter is, for messages: its switch, or that it is not connected to one. */
export const adapterPlace = (a: VmNetworkAdapter) =>
  a.switchName === undefined ? 'no switch (not connected)' : `switch ${a.switchName}`;

/** The result subject of a VM adapter: VM@switch, or the VM alone when the adapter is not connected. */
export const adapterSubject = (a: VmNetworkAdapter) => (a.switchName === undefined ? a.vm : `${a.vm}@${a.switchName}`);

/**
 * Why vmNetworkAdapters may lack some VMs: one reason per VM whose adapters could not be read, or why that is unknown.
 * Empty when every VM's adapters were read.
 */
export function unreadAdapterReasons(facts: HypervHostFacts): string[] {
  const unread = facts.hyperv.vmNetworkAdaptersUnread;
  if (isUnknown(unread)) return [`whether every VM's adapters were read is unknown: ${unread.reason}`];
  return unread.map((u) => `the adapters of VM ${u.vm} were not read: ${u.reason}`);
}

/**
 * One fail per offending VM network adapter (beside one unknown for the VMs whose adapters were not read), else one
 * unknown quoting every setting or VM that could not be read, or one pass for the host.
 */
export function checkVmAdapters(facts: HypervHostFacts, check: AdapterCheck): RuleResult | RuleResult[] {
  const path = 'hyperv.vmNetworkAdapters';
  const adapters = facts.hyperv.vmNetworkAdapters;
  if (isUnknown(adapters)) return result.unknown(path, adapters);
  const unread = unreadAdapterReasons(facts);
  const offending = adapters.filter((a) => check.offends(a));
  if (offending.length > 0) {
    const fails = offending.map((a) => check.fail(a));
    return unread.length > 0 ? [...fails, result.unknown('hyperv.vmNetworkAdaptersUnread', unread.join('; '))] : fails;
  }
  const reasons = unread.concat(
    adapters.flatMap((a) =>
      check
        .reads(a)
        .filter(isUnknown)
        .map((u) => u.reason),
    ),
  );
  if (reasons.length > 0) return result.unknown(path, [...new Set(reasons)].join('; '));
  return result.pass(path, check.passMessage, adapters.length, 0);
}

/** Windows Server 2019 is build 17763, 2022 is build 20348 (Microsoft's release information). */
const WS2019_BUILD = 17763;
const WS2022_BUILD = 20348;

/**
 * The severity of a control on this host's Windows release, where the WS2019 and WS2022 STIGs rate it differently;
 * undefined (the rule's own severity) for other releases or an unknown build.
 */
export function windowsStigSeverity(
  facts: HypervHostFacts,
  ids: { ws2019: string; ws2022: string },
): Severity | undefined {
  const build = facts.hyperv.os.build;
  if (isUnknown(build)) return undefined;
  if (build === WS2019_BUILD) return stigSeverity(ids.ws2019);
  if (build === WS2022_BUILD) return stigSeverity(ids.ws2022);
  return undefined;
}
