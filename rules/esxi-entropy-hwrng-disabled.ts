import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-entropy-hwrng-disabled',
    title: 'ESXi does not use the hardware random number generator',
    severity: 'medium',
    category: 'code-integrity',
    rationale: 'The hardware RNG is the strongest entropy source for keys and TLS sessions.',
    risk: 'Weaker entropy for cryptographic keys.',
    remediation: {
      text: 'Set the kernel setting disableHwrng to FALSE.',
      esxcli: 'esxcli system settings kernel set -s disableHwrng -v FALSE',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.settings.kernel.set.Invoke(@{setting='disableHwrng'; value='FALSE'})",
    },
    references: { scg: ['entropy'], stig: ['ESXI-80-000245'] },
    params: z.object({}).strict(),
  },
  {
    source: 'kernel',
    key: 'disableHwrng',
    kind: 'boolean',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals(false),
  },
);
