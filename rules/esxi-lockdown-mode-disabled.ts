import { z } from 'zod';
import { defineRule } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

const Mode = z.enum(['lockdownDisabled', 'lockdownNormal', 'lockdownStrict']);

export default defineRule({
  id: 'esxi-lockdown-mode-disabled',
  title: 'ESXi lockdown mode is disabled',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'lockdown',
  rationale:
    'Lockdown mode forces management through vCenter, so host-local logins (Host Client, SSH, direct API) are refused except for exception users.',
  risk: 'Anyone with a local account can manage the host directly, bypassing vCenter roles and auditing.',
  remediation: {
    text: 'Enable normal lockdown mode from vCenter (Host > Configure > Security Profile > Lockdown Mode).',
    powercli:
      '$lockdown = Get-View (Get-VMHost $vmhost | Get-View).ConfigManager.HostAccessManager; $lockdown.ChangeLockdownMode("lockdownNormal")',
  },
  references: { scg: ['lockdown-mode'], stig: ['ESXI-80-000008'] },
  params: z
    .object({
      allowedModes: z
        .array(Mode)
        .min(1)
        .default(['lockdownNormal', 'lockdownStrict'])
        .describe('Accepted lockdown modes.'),
    })
    .strict(),
  evaluate: (esxi, params) =>
    withFact('exposure.lockdown.mode', esxi.exposure.lockdown.mode, (mode) =>
      verdict(
        params.allowedModes.includes(mode),
        'exposure.lockdown.mode',
        {
          pass: `lockdown mode is ${mode}`,
          fail: `lockdown mode is ${mode}; expected ${params.allowedModes.join(' or ')}`,
        },
        mode,
        params.allowedModes,
      ),
    ),
});
