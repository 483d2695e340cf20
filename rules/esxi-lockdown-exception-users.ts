import { z } from 'zod';
import { defineRule } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-lockdown-exception-users',
  title: 'ESXi lockdown exception users beyond the allowed list',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'lockdown',
  rationale:
    'Exception users keep direct host access in lockdown mode; the list should hold only service accounts the site has approved.',
  risk: 'Each unexpected exception user is a way around lockdown mode.',
  remediation: {
    text: 'Remove lockdown exception users that are not on the approved list (Host > Configure > Security Profile > Lockdown Mode > Exception Users).',
    powercli:
      '$am = Get-View (Get-VMHost $vmhost | Get-View).ConfigManager.HostAccessManager; $am.UpdateLockdownExceptions(@(<approved users>))',
  },
  references: { scg: ['lockdown-exception-users'], stig: ['ESXI-80-000201'] },
  params: z
    .object({ allowedUsers: z.array(z.string().min(1)).default([]).describe('Approved lockdown exception users.') })
    .strict(),
  evaluate: (esxi, params) =>
    withFact('exposure.lockdown.exceptions', esxi.exposure.lockdown.exceptions, (users) => {
      const extra = users.filter((u) => !params.allowedUsers.includes(u));
      return verdict(
        extra.length === 0,
        'exposure.lockdown.exceptions',
        {
          pass:
            users.length === 0
              ? 'no lockdown exception users'
              : `lockdown exception users are all approved: ${users.join(', ')}`,
          fail: `lockdown exception users not on the approved list: ${extra.join(', ')}`,
        },
        users,
        params.allowedUsers,
      );
    }),
});
