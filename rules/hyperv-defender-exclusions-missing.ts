import { z } from 'zod';
import { isUnknown } from '../src/model/index.js';
import { defineRule, result } from '../src/rules/define.js';

export default defineRule({
  id: 'hyperv-defender-exclusions-missing',
  title: 'Microsoft Defender on the Hyper-V host lacks the Hyper-V process and file exclusions',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'resilience',
  rationale: 'Scanning VHDX/VMRS files and the VM worker processes corrupts or locks VM files and stalls VMs; Defender adds the Hyper-V exclusions automatically unless auto-exclusions are disabled.',
  risk: 'VMs fail to start, checkpoints fail, or VM files get quarantined, while operators are tempted to turn the antivirus off altogether.',
  remediation: {
    text: 'Re-enable Defender auto-exclusions, or add the processes and extensions of the Hyper-V exclusion list explicitly.',
    powershell: 'Set-MpPreference -DisableAutoExclusions $false; Add-MpPreference -ExclusionProcess vmms.exe,vmwp.exe,vmsp.exe,vmcompute.exe -ExclusionExtension .vhd,.vhdx,.avhd,.avhdx,.vhds,.iso,.rct,.vsv,.bin,.vmcx,.vmrs,.vmgs',
  },
  references: { urls: ['https://learn.microsoft.com/en-us/troubleshoot/windows-server/virtualization/antivirus-exclusions-for-hyper-v-hosts', 'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server'] },
  params: z
    .object({
      processes: z.array(z.string()).default(['vmms.exe', 'vmwp.exe', 'vmsp.exe', 'vmcompute.exe']).describe('Processes Defender must exclude on a Hyper-V host.'),
      extensions: z.array(z.string()).default(['.vhd', '.vhdx', '.avhd', '.avhdx', '.vhds', '.iso', '.rct', '.vsv', '.bin', '.vmcx', '.vmrs', '.vmgs']).describe('File extensions Defender must exclude on a Hyper-V host.'),
    })
    .strict(),
  evaluate(facts, params) {
    if (facts.platform !== 'hyperv') return result.notApplicable('platform', 'Hyper-V only');
    const defender = facts.hyperv.defender;
    if (isUnknown(defender)) return result.unknown('hyperv.defender', defender);
    if (!defender.installed) return result.notApplicable('hyperv.defender.installed', 'Microsoft Defender is not installed.');
    if (defender.disableAutoExclusions === false)
      return result.pass('hyperv.defender.disableAutoExclusions', 'Defender auto-exclusions (which cover the Hyper-V role) are on.', false, false);
    const exclusions = defender.exclusions;
    if (isUnknown(exclusions)) return result.unknown('hyperv.defender.exclusions', exclusions);
    const norm = (s: string) => s.toLowerCase().replace(/^\*/, '').replace(/^.*\\/, '');
    const processes = new Set(exclusions.processes.map(norm));
    const extensions = new Set(exclusions.extensions.map((e) => norm(e.startsWith('.') || e.startsWith('*') ? e : `.${e}`)));
    const missing = [
      ...params.processes.filter((p) => !processes.has(p.toLowerCase())),
      ...params.extensions.filter((e) => !extensions.has(e.toLowerCase())),
    ];
    const observed = { autoExclusions: defender.disableAutoExclusions === true ? 'disabled' : 'not reported', processes: exclusions.processes, extensions: exclusions.extensions };
    return missing.length === 0
      ? result.pass('hyperv.defender.exclusions', 'The Hyper-V exclusions are configured explicitly.', observed, [...params.processes, ...params.extensions])
      : result.fail('hyperv.defender.exclusions', `Auto-exclusions are ${observed.autoExclusions} and these Hyper-V exclusions are missing: ${missing.join(', ')}.`, observed, missing);
  },
});
