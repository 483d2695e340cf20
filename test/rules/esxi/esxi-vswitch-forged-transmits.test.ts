import rule from '../../../rules/esxi-vswitch-forged-transmits.js';
import { testSecurityPolicyRule } from '../esxi-helpers.js';

testSecurityPolicyRule(rule, 'forgedTransmits');
