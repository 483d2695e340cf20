import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-entropy-sources',
    title: 'ESXi entropy sources are restricted away from the default',
    severity: 'medium',
    category: 'code-integrity',
    rationale: 'entropySources 0 lets ESXi draw on every available entropy source.',
    risk: 'Weaker entropy for cryptographic keys.',
    remediation: {
      text: 'Set the kernel setting entropySources to 0 (all sources).',
      esxcli: 'esxcli system settings kernel set -s entropySources -v 0',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.settings.kernel.set.Invoke(@{setting='entropySources'; value='0'})",
    },
    references: { scg: ['entropy'], stig: ['ESXI-80-000245'] },
    params: z.object({}).strict(),
  },
  {
    source: 'kernel',
    key: 'entropySources',
    kind: 'integer',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals(0),
  },
);
