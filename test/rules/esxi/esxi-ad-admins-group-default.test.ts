import rule from '../../../rules/esxi-ad-admins-group-default.js';
import { esxiWith, olderEsxi, testSettingRule } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const KEY = 'Config.HostAgent.plugins.hostsvc.esxAdminsGroup';

// STIG ESXI-80-000241 V2R3: 'For systems that do not use Active Directory, this is not applicable.' and 'If the
// "Config.HostAgent.plugins.hostsvc.esxAdminsGroup" setting is set to "ESX Admins", this is a finding.'
// The fixture host is joined to corp.lab.
testSettingRule(rule, {
  key: KEY,
  pass: ['vSphere-Host-Admins', 'ESX Admins 2'],
  fail: ['ESX Admins', 'esx admins'],
  absent: 'unknown',
  variants: [
    { params: { adminGroup: 'Site-ESX-Admins' }, value: 'Other-Group', status: 'fail' },
    { params: { adminGroup: 'Site-ESX-Admins' }, value: 'site-esx-admins', status: 'pass' },
  ],
});

const host = (joinedDomain: string | null | { unknown: true; reason: string }, group: string) =>
  esxiWith((f) => {
    f.esxi.advancedOptions = { [KEY]: group };
    f.esxi.activeDirectory =
      typeof joinedDomain === 'object' && joinedDomain !== null ? joinedDomain : { joinedDomain };
  });

testRule(
  rule,
  [
    {
      name: 'not joined to AD: not applicable, whatever the group',
      facts: host(null, 'ESX Admins'),
      expect: [{ status: 'not_applicable', path: 'esxi.activeDirectory.joinedDomain' }],
    },
    {
      name: 'not joined to AD under the STIG profile',
      profile: 'stig',
      facts: host(null, 'ESX Admins'),
      expect: [{ status: 'not_applicable' }],
    },
    {
      name: 'joined with the default group',
      profile: 'stig',
      facts: host('corp.lab', 'ESX Admins'),
      expect: [{ status: 'fail', severity: 'medium' }],
    },
    {
      name: 'membership unknown and the default group: cannot say',
      facts: host({ unknown: true, reason: 'config.authenticationManagerInfo not reported by the host' }, 'ESX Admins'),
      expect: [{ status: 'unknown', path: 'esxi.activeDirectory', message: 'authenticationManagerInfo not reported' }],
    },
    {
      name: 'membership unknown and a site group: passes either way',
      facts: host({ unknown: true, reason: 'denied' }, 'Site-Admins'),
      expect: [{ status: 'pass' }],
    },
    {
      name: 'membership not collected (older saved facts)',
      facts: olderEsxi((f) => {
        f.esxi.advancedOptions = { [KEY]: 'ESX Admins' };
        delete f.esxi.activeDirectory;
      }),
      expect: [{ status: 'unknown', message: 'an older hvscan wrote it' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
