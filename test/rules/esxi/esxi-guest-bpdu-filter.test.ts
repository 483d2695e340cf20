import rule from '../../../rules/esxi-guest-bpdu-filter.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, { key: 'Net.BlockGuestBPDU', pass: [1], fail: [0], absent: 'unknown', malformed: 'on' });
