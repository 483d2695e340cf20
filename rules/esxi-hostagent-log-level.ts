import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-hostagent-log-level',
    title: 'The ESXi host agent (hostd) log level is not info',
    severity: 'medium',
    category: 'logging',
    rationale:
      'Too little logging loses audit detail; verbose logging fills the log partition and can record sensitive data.',
    risk: 'Missing or excessive hostd logs.',
    remediation: {
      text: 'Set Config.HostAgent.log.level to info.',
      esxcli: 'esxcli system settings advanced set -o /Config/HostAgent/log/level -s "info"',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Config.HostAgent.log.level | Set-AdvancedSetting -Value "info" -Confirm:$false',
    },
    references: { scg: ['logs-level'], stig: ['ESXI-80-000015'] },
    params: z
      .object({ levels: z.array(z.string().min(1)).min(1).default(['info']).describe('Accepted hostd log levels.') })
      .strict(),
  },
  { key: 'Config.HostAgent.log.level', kind: 'string', expect: (p) => expectValue.oneOf(p.levels) },
);
