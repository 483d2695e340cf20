import { z } from 'zod';
import { isUnknown } from '../src/core/model/index.js';
import { defineRule, result } from '../src/rules/kit/define.js';

/** KB 3105657's processes and the first build each exists on (Vmsp.exe from Windows Server 2016, Vmcompute.exe from 2019). */
const KB_PROCESSES: ReadonlyArray<{ name: string; fromBuild: number }> = [
  { name: 'vmms.exe', fromBuild: 0 },
  { name: 'vmwp.exe', fromBuild: 0 },
  { name: 'vmsp.exe', fromBuild: 14393 },
  { name: 'vmcompute.exe', fromBuild: 17763 },
];

/** Virtual disk types: an extension exclusion for them covers the VM files the KB's directory exclusions are for. */
const VM_DISK_EXTENSIONS = ['.vhd', '.vhdx', '.avhd', '.avhdx'];

export default defineRule({
  id: 'hyperv-defender-exclusions-missing',
  title: 'Microsoft Defender on the Hyper-V host lacks the Hyper-V exclusions',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'resilience',
  rationale:
    "Scanning VM files and the VM worker processes corrupts or locks VM files and stalls VMs. KB 3105657 asks to exclude the directories that hold VM files and the Hyper-V processes (Vmms, Vmwp, Vmsp from 2016, Vmcompute from 2019), and says Defender's automatic exclusions may be enough; they cover the Hyper-V role unless turned off.",
  risk: 'VMs fail to start, checkpoints fail, or VM files get quarantined, while operators are tempted to turn the antivirus off altogether.',
  remediation: {
    text: 'Re-enable Defender auto-exclusions; or exclude the Hyper-V processes and the directories that hold VM configuration, virtual disks, checkpoints and C:\\ClusterStorage (KB 3105657), not whole file types host-wide.',
    powershell:
      'Set-MpPreference -DisableAutoExclusions $false; Add-MpPreference -ExclusionProcess "$env:SystemRoot\\System32\\vmms.exe","$env:SystemRoot\\System32\\vmwp.exe","$env:SystemRoot\\System32\\vmsp.exe","$env:SystemRoot\\System32\\vmcompute.exe" -ExclusionPath \'C:\\ProgramData\\Microsoft\\Windows\\Hyper-V\',\'<VM and virtual disk directories>\'',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/troubleshoot/windows-server/virtualization/antivirus-exclusions-for-hyper-v-hosts',
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: z
    .object({
      extraProcesses: z
        .array(z.string())
        .default([])
        .describe('Processes to require besides the KB 3105657 list (e.g. a backup agent).'),
    })
    .strict(),
  evaluate(facts, params) {
    const defender = facts.hyperv.defender;
    if (isUnknown(defender)) return result.unknown('hyperv.defender', defender);
    if (!defender.installed)
      return result.notApplicable('hyperv.defender.installed', 'Microsoft Defender is not installed.');
    if (defender.disableAutoExclusions === false)
      return result.pass(
        'hyperv.defender.disableAutoExclusions',
        'Defender auto-exclusions (which cover the Hyper-V role) are on.',
        false,
        false,
      );
    const exclusions = defender.exclusions;
    if (isUnknown(exclusions)) return result.unknown('hyperv.defender.exclusions', exclusions);
    const build = facts.hyperv.os.build;
    // An unknown build asks for every process: a missing one on an older host is the lesser error.
    const wanted = [
      ...KB_PROCESSES.filter((p) => isUnknown(build) || build >= p.fromBuild).map((p) => p.name),
      ...params.extraProcesses,
    ];
    const baseName = (s: string) => s.toLowerCase().replace(/^.*[\\/]/, '');
    const processes = new Set(exclusions.processes.map(baseName));
    const extension = (e: string) => `.${e.toLowerCase().replace(/^\*?\.?/, '')}`;
    const extensions = new Set(exclusions.extensions.map(extension));
    const vmFilesCovered = exclusions.paths.length > 0 || VM_DISK_EXTENSIONS.every((e) => extensions.has(e));
    const missing = [
      ...wanted.filter((p) => !processes.has(p.toLowerCase())),
      ...(vmFilesCovered ? [] : ['the directories holding VM files']),
    ];
    const observed = {
      autoExclusions:
        defender.disableAutoExclusions === true
          ? 'disabled'
          : isUnknown(defender.disableAutoExclusions)
            ? `unknown (${defender.disableAutoExclusions.reason})`
            : 'not reported',
      paths: exclusions.paths,
      processes: exclusions.processes,
      extensions: exclusions.extensions,
    };
    return missing.length === 0
      ? result.pass(
          'hyperv.defender.exclusions',
          'The Hyper-V processes and the VM file locations are excluded explicitly.',
          observed,
          wanted,
        )
      : result.fail(
          'hyperv.defender.exclusions',
          `Auto-exclusions are ${observed.autoExclusions} and these KB 3105657 exclusions are missing: ${missing.join(', ')}.`,
          observed,
          missing,
        );
  },
});
