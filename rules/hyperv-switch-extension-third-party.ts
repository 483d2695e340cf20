import { isUnknown } from '../src/core/model/index.js';
import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { MICROSOFT } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-switch-extension-third-party',
  title: 'A third-party extension is enabled on a Hyper-V virtual switch',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'trust-boundaries',
  rationale:
    'Virtual switch extensions (capture, filter, forwarding) run in the root partition kernel and see or alter every frame of the VMs on the switch.',
  risk: 'A flawed or hostile extension intercepts or injects VM traffic for every VM on the switch.',
  remediation: {
    text: 'Disable extensions that are not required and keep the required ones patched.',
    powershell:
      "Get-VMSwitchExtension -VMSwitchName * | Where-Object Vendor -notmatch 'Microsoft'; Disable-VMSwitchExtension -VMSwitchName '<switch>' -Name '<extension>'",
  },
  references: {
    bpa: ['Ensure all mandatory virtual switch extensions are available'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const switches = facts.exposure.switches;
    if (isUnknown(switches)) return result.unknown('exposure.switches', switches);
    const results = switches.flatMap((s) =>
      (isUnknown(s.extensions) ? [] : s.extensions)
        .filter((e) => e.enabled !== false && !MICROSOFT.test(e.vendor ?? ''))
        .map((e) => {
          const path = `exposure.switches[${s.name}].extensions[${e.name}]`;
          if (isUnknown(e.enabled)) return result.unknown(`${path}.enabled`, e.enabled, `${s.name}/${e.name}`);
          return result.fail(
            path,
            `Extension ${e.name} (${e.vendor ?? 'unknown vendor'}) is enabled on switch ${s.name}.`,
            e.vendor ?? null,
            'Microsoft',
            `${s.name}/${e.name}`,
          );
        }),
    );
    if (results.length > 0) return results;
    // One switch that did not report its extensions leaves the host undecided: a pass would vouch for it too.
    const unreported = switches.flatMap((s) =>
      isUnknown(s.extensions) ? [`switch ${s.name}: ${s.extensions.reason}`] : [],
    );
    if (unreported.length > 0)
      return result.unknown('exposure.switches', `extensions were not reported for ${unreported.join('; ')}`);
    return result.pass('exposure.switches', 'No third-party switch extension is enabled.', [], []);
  },
});
