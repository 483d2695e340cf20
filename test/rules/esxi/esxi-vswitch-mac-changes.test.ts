import rule from '../../../rules/esxi-vswitch-mac-changes.js';
import { testSecurityPolicyRule } from '../esxi-helpers.js';

testSecurityPolicyRule(rule, 'macChanges');
