import { isUnknown } from '../src/core/model/index.js';
import { defineRule, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-defender-realtime-off',
  title: 'The Hyper-V management OS has no active real-time antivirus protection',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'threat-detection',
  rationale:
    "Microsoft's Hyper-V security guidance keeps antivirus on the host (with the Hyper-V exclusions). Without real-time protection, malware dropped into the management OS runs unchecked.",
  risk: 'Malware in the root partition can read and alter every VM without detection.',
  remediation: {
    text: 'Turn on Microsoft Defender real-time protection (or run a supported third-party product) and configure the Hyper-V exclusions.',
    powershell: 'Set-MpPreference -DisableRealtimeMonitoring $false',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/troubleshoot/windows-server/virtualization/antivirus-exclusions-for-hyper-v-hosts',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const defender = facts.hyperv.defender;
    const path = 'hyperv.defender.realTimeProtection';
    if (isUnknown(defender)) return result.unknown('hyperv.defender', defender);
    const otherAv = isUnknown(facts.agents)
      ? []
      : facts.agents.filter(
          (a) =>
            a.scope === 'management-os' &&
            (a.kind === 'antivirus' || a.kind === 'edr') &&
            !/microsoft/i.test(a.vendor ?? a.name),
        );
    const otherNames = otherAv.map((a) => a.name);
    if (defender.installed && defender.realTimeProtection === true)
      return result.pass(path, 'Microsoft Defender real-time protection is on.', true, true);
    if (otherAv.length > 0)
      return result.pass(
        'agents',
        `Third-party antivirus protects the host: ${otherNames.join(', ')}.`,
        otherNames,
        'an active antivirus',
      );
    // Passive or stopped Defender gives no real-time protection, even when Get-MpComputerStatus could not say so.
    if (defender.installed && (defender.mode === 'off' || defender.mode === 'passive') && !isUnknown(facts.agents)) {
      return result.fail(
        'hyperv.defender.mode',
        `Microsoft Defender is ${defender.mode === 'off' ? 'off (its service is not running)' : 'in passive mode'} and no other antivirus was found.`,
        defender.mode,
        'active',
      );
    }
    const realTime = defender.installed ? defender.realTimeProtection : false;
    if (realTime === undefined || isUnknown(realTime)) {
      return isUnknown(facts.agents)
        ? result.unknown('agents', facts.agents)
        : result.unknown(path, realTime ?? 'Defender real-time protection state was not reported');
    }
    if (!defender.installed && isUnknown(facts.agents)) return result.unknown('agents', facts.agents);
    return defender.installed
      ? result.fail(
          path,
          'Microsoft Defender real-time protection is off and no other antivirus was found.',
          false,
          true,
        )
      : result.fail(
          'hyperv.defender.installed',
          'No antivirus was found on the host (Defender not installed, no third-party agent).',
          false,
          'an active antivirus',
        );
  },
});
