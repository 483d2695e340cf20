import { z } from 'zod';
import { defineRule, isUnknown, result } from '../src/rules/kit/define.js';

/** "ms_*" style patterns: a trailing * matches any rest; case-insensitive. */
const matches = (patterns: string[], id: string) =>
  patterns.some((p) =>
    p.endsWith('*') ? id.toLowerCase().startsWith(p.slice(0, -1).toLowerCase()) : id.toLowerCase() === p.toLowerCase(),
  );

export default defineRule({
  id: 'hyperv-ndis-filter-third-party',
  title: 'A third-party NDIS filter or protocol is bound to the physical NIC of an external switch',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'trust-boundaries',
  rationale:
    "An NDIS lightweight filter or protocol bound to the NIC under an external virtual switch runs in the root partition's kernel and sees every VM frame before the switch's own port policies (Get-NetAdapterBinding; Microsoft's components have ComponentIDs ms_*, and the switch itself binds as vms_pp).",
  risk: 'A flawed or hostile filter reads, alters or injects the traffic of every VM on the switch, below any guest or switch-port control.',
  remediation: {
    text: 'Unbind components that are not needed on the switch NIC (capture drivers, old VPN or EDR filters) and keep the needed ones patched.',
    powershell:
      "Get-NetAdapterBinding -Name '<nic>' -AllBindings | Where-Object { $_.Enabled -and $_.ComponentID -notlike 'ms_*' }; Disable-NetAdapterBinding -Name '<nic>' -ComponentID '<id>'",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/powershell/module/netadapter/get-netadapterbinding',
      'https://learn.microsoft.com/en-us/windows-hardware/drivers/network/ndis-filter-drivers',
    ],
  },
  params: z
    .object({
      microsoftComponents: z
        .array(z.string())
        .default(['ms_*', 'vms_pp'])
        .describe(
          "ComponentIDs of Microsoft's own bindings (a trailing * is a prefix): ms_* inbox components, vms_pp the Hyper-V Extensible Virtual Switch protocol.",
        ),
    })
    .strict(),
  evaluate(facts, params) {
    const path = 'hyperv.netFilters';
    const bindings = facts.hyperv.netFilters;
    if (isUnknown(bindings)) return result.unknown(path, bindings);
    const foreign = bindings.filter((b) => !matches(params.microsoftComponents, b.componentId));
    if (foreign.length === 0)
      return result.pass(
        path,
        'Only Microsoft components are bound to the NICs of external switches.',
        bindings.length,
        0,
      );
    return foreign.map((b) =>
      result.fail(
        `${path}[${b.adapter}].${b.componentId}`,
        `${b.displayName ?? b.componentId} (${b.componentId}) is bound to ${b.adapter} under external switch ${b.switchName}: it sees every VM frame on that switch.`,
        b.componentId,
        params.microsoftComponents,
        `${b.switchName}/${b.adapter}/${b.componentId}`,
      ),
    );
  },
});
