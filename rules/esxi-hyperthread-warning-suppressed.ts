import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-hyperthread-warning-suppressed',
    title: 'The hyperthreading side-channel warning is suppressed',
    severity: 'medium',
    category: 'access',
    rationale:
      'The warning flags hosts without mitigation for speculative-execution side channels between VMs sharing a core (L1TF, MDS).',
    risk: 'An unmitigated side channel between VMs stays hidden from administrators.',
    remediation: {
      text: 'Set UserVars.SuppressHyperthreadWarning to 0 and address the side-channel mitigation instead.',
      esxcli: 'esxcli system settings advanced set -o /UserVars/SuppressHyperthreadWarning -i 0',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name UserVars.SuppressHyperthreadWarning | Set-AdvancedSetting -Value 0 -Confirm:$false',
    },
    references: { scg: ['cpu-hyperthread-warning'], stig: ['ESXI-80-000223'] },
    params: z.object({}).strict(),
  },
  { key: 'UserVars.SuppressHyperthreadWarning', kind: 'integer', expect: () => expectValue.equals(0) },
);
