import rule from '../../../rules/esxi-tps-salting.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, { key: 'Mem.ShareForceSalting', pass: [2], fail: [0, 1], absent: 'unknown', malformed: 'two' });
