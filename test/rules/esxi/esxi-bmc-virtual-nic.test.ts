import rule from '../../../rules/esxi-bmc-virtual-nic.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, { key: 'Net.BMCNetworkEnable', pass: [0], fail: [1], absent: 'not_applicable', malformed: 'on' });
