import rule from '../../../rules/esxi-ad-admins-group-default.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Config.HostAgent.plugins.hostsvc.esxAdminsGroup',
  pass: ['vSphere-Host-Admins'],
  fail: ['ESX Admins', 'esx admins'],
  absent: 'unknown',
  variants: [
    { params: { adminGroup: 'Site-ESX-Admins' }, value: 'Other-Group', status: 'fail' },
    { params: { adminGroup: 'Site-ESX-Admins' }, value: 'site-esx-admins', status: 'pass' },
  ],
});
