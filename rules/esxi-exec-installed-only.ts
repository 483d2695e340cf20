import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-exec-installed-only',
    title: 'ESXi runs executables that were not installed from a VIB',
    severity: 'medium',
    category: 'code-integrity',
    rationale:
      'With execInstalledOnly the VMkernel runs only binaries from signed, installed VIBs; ESXi ransomware drops and runs its own ELF binaries.',
    risk: 'An attacker with root can run arbitrary code (encryptors, implants) in the hypervisor.',
    remediation: {
      text: 'Set VMkernel.Boot.execInstalledOnly to TRUE (takes effect after a reboot); enforce it with state encryption (requireExecInstalledOnly).',
      esxcli: 'esxcli system settings kernel set -s execInstalledOnly -v TRUE',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.settings.kernel.set.Invoke(@{setting='execInstalledOnly'; value='TRUE'})",
    },
    references: { scg: ['vib-trusted-binaries'], stig: ['ESXI-80-000244'] },
    params: z.object({}).strict(),
  },
  { key: 'VMkernel.Boot.execInstalledOnly', kind: 'boolean', expect: () => expectValue.equals(true) },
);
