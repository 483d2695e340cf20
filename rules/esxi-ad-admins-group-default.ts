import { z } from 'zod';
import { evaluateSetting, expectValue, type SettingSpec } from '../src/rules/kit/advanced-option.js';
import { defineRule, isUnknown, result } from '../src/rules/kit/define.js';

const params = z
  .object({
    adminGroup: z.string().default('').describe('The site AD admin group required; empty = anything but ESX Admins.'),
  })
  .strict();

const setting: SettingSpec<typeof params> = {
  key: 'Config.HostAgent.plugins.hostsvc.esxAdminsGroup',
  kind: 'string',
  expect: (p) =>
    p.adminGroup
      ? expectValue.equals(p.adminGroup, { ignoreCase: true })
      : expectValue.notEquals('ESX Admins', { ignoreCase: true }),
};

export default defineRule({
  id: 'esxi-ad-admins-group-default',
  title: "An AD-joined ESXi host grants admin rights to the AD group 'ESX Admins' (CVE-2024-37085)",
  severity: 'medium',
  platforms: ['esxi'],
  category: 'accounts',
  rationale:
    "AD-joined hosts give full admin to any AD group named 'ESX Admins'; anyone who can create that group in AD owns the host (exploited by ransomware, CISA KEV). The STIG check is not applicable to hosts outside Active Directory, where the setting grants nothing.",
  risk: 'A domain user who can create a group gains root-equivalent access to every AD-joined host.',
  remediation: {
    text: "Set Config.HostAgent.plugins.hostsvc.esxAdminsGroup to a site-specific AD group (not 'ESX Admins'), or keep the host out of AD; patch to 8.0 U3 or later.",
    esxcli:
      'esxcli system settings advanced set -o /Config/HostAgent/plugins/hostsvc/esxAdminsGroup -s "<site AD group>"',
    powercli:
      'Get-VMHost | Get-AdvancedSetting -Name Config.HostAgent.plugins.hostsvc.esxAdminsGroup | Set-AdvancedSetting -Value "<site AD group>" -Confirm:$false',
  },
  references: { stig: ['ESXI-80-000241'], cve: ['CVE-2024-37085'] },
  params,
  evaluate: (esxi, p) => {
    const ad = esxi.esxi.activeDirectory;
    if (!isUnknown(ad) && ad.joinedDomain === null) {
      return result.notApplicable(
        'esxi.activeDirectory.joinedDomain',
        'The host is not joined to Active Directory, so no AD group is granted anything.',
      );
    }
    const judged = evaluateSetting(esxi, p, setting);
    if (judged.status !== 'fail' || !isUnknown(ad)) return judged;
    // The group only matters on a joined host: with membership unknown, a default group is not yet a finding.
    return result.unknown(
      'esxi.activeDirectory',
      `${ad.reason}; ${judged.message} (a finding only on an AD-joined host)`,
    );
  },
});
