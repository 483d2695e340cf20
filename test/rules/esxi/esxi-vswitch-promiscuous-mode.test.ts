import rule from '../../../rules/esxi-vswitch-promiscuous-mode.js';
import { testSecurityPolicyRule } from '../esxi-helpers.js';

testSecurityPolicyRule(rule, 'allowPromiscuous');
