import { z } from 'zod';
import { isUnknown } from '../src/core/model/index.js';
import { defineRule, result } from '../src/rules/kit/define.js';
import { matchesPattern } from '../src/core/text/pattern.js';

export default defineRule({
  id: 'hyperv-admins-review',
  title: 'Accounts outside the approved list hold Administrators or Hyper-V Administrators rights on the host',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale:
    'Local Administrators and Hyper-V Administrators control every VM on the host; Microsoft advises that VM operators get VM-level rights, not host administration.',
  risk: 'Every extra host administrator is a path to every VM on the host.',
  remediation: {
    text: "Review the members, remove those not needed, and list the approved ones (globs) in this rule's parameters.",
    powershell: 'Get-LocalGroupMember -SID S-1-5-32-544; Get-LocalGroupMember -SID S-1-5-32-578',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: z
    .object({
      /** Approved members of Administrators (globs, case-insensitive). */
      administrators: z
        .array(z.string())
        .default(['*\\Administrator', '*\\Domain Admins'])
        .describe('Approved members of Administrators (globs, case-insensitive).'),
      /** Approved members of Hyper-V Administrators. */
      hypervAdministrators: z
        .array(z.string())
        .default([])
        .describe('Approved members of Hyper-V Administrators (globs, case-insensitive).'),
    })
    .strict(),
  evaluate(facts, params) {
    const groups = facts.exposure.groups;
    if (isUnknown(groups)) return result.unknown('exposure.groups', groups);
    const check = (members: string[], approved: string[], group: string, key: string) => {
      const extra = members.filter((m) => !approved.some((p) => matchesPattern(p, m)));
      const path = `exposure.groups.${key}`;
      return extra.length > 0
        ? result.fail(
            path,
            `${group} has members outside the approved list: ${extra.join(', ')}.`,
            extra,
            approved,
            group,
          )
        : result.pass(path, `${group} holds approved members only.`, members, approved, group);
    };
    return [
      check(groups.administrators, params.administrators, 'Administrators', 'administrators'),
      check(groups.hypervAdministrators, params.hypervAdministrators, 'Hyper-V Administrators', 'hypervAdministrators'),
    ];
  },
});
