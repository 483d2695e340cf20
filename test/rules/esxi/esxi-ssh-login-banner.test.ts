import rule from '../../../rules/esxi-ssh-login-banner.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, { key: 'banner', source: 'sshServer', pass: ['/etc/issue'], fail: ['none'], absent: 'unknown' });
