// What `hvscan/rules` exports: the types a custom rule's author needs (docs/custom-rules.md). Types only, so a rule
// written against them imports nothing from hvscan at run time.
export type {
  EsxiHostFacts,
  HostFacts,
  HypervHostFacts,
  Platform,
  ResultStatus,
  Severity,
} from '../core/model/index.js';
export type { RuleContext, RuleProfile, RuleReferences, RuleRemediation, RuleResult } from './kit/define.js';
export type { CustomRule, CustomRuleParams } from './custom.js';
