import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ad-admins-group-default',
    title: "ESXi grants admin rights to the AD group 'ESX Admins' (CVE-2024-37085)",
    severity: 'medium',
    category: 'accounts',
    rationale:
      "AD-joined hosts give full admin to any AD group named 'ESX Admins'; anyone who can create that group in AD owns the host (exploited by ransomware, CISA KEV).",
    risk: 'A domain user who can create a group gains root-equivalent access to every AD-joined host.',
    remediation: {
      text: "Set Config.HostAgent.plugins.hostsvc.esxAdminsGroup to a site-specific AD group (not 'ESX Admins'), or keep the host out of AD; patch to 8.0 U3 or later.",
      esxcli: 'esxcli system settings advanced set -o /Config/HostAgent/plugins/hostsvc/esxAdminsGroup -s "<site AD group>"',
      powercli: 'Get-VMHost | Get-AdvancedSetting -Name Config.HostAgent.plugins.hostsvc.esxAdminsGroup | Set-AdvancedSetting -Value "<site AD group>" -Confirm:$false',
    },
    references: { stig: ['ESXI-80-000241'], cve: ['CVE-2024-37085'] },
    params: z.object({ adminGroup: z.string().default('').describe('The site AD admin group required; empty = anything but ESX Admins.') }).strict(),
  },
  { key: 'Config.HostAgent.plugins.hostsvc.esxAdminsGroup', kind: 'string', expect: (p) => (p.adminGroup ? expectValue.equals(p.adminGroup, { ignoreCase: true }) : expectValue.notEquals('ESX Admins', { ignoreCase: true })) },
);
