import rule from '../../../rules/esxi-mem-eager-zero.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, { key: 'Mem.MemEagerZero', pass: [1], fail: [0], absent: 'not_applicable', malformed: 'yes' });
