import type { EsxiHostFacts, UnknownFact } from '../../core/model/index.js';
import { isUnknown, result, type RuleResult } from './define.js';

/** Why an optional fact is missing: the connector did not collect that family at all. */
export const NOT_COLLECTED = 'not collected by this connector (esxcli-only setting, vsphere-api.md §3.6)';

/**
 * Judges a fact that may be unknown, or absent because the connector never collects it: both answer unknown with the
 * reason, never a silent pass or fail.
 */
export function withFact<T>(
  path: string,
  value: T | UnknownFact | undefined,
  judge: (known: T) => RuleResult | RuleResult[],
): RuleResult | RuleResult[] {
  if (value === undefined) return result.unknown(path, NOT_COLLECTED);
  if (isUnknown(value)) return result.unknown(path, value);
  return judge(value);
}

/** A pass or fail from a boolean verdict, with the same evidence either way. */
export function verdict(
  ok: boolean,
  path: string,
  messages: { pass: string; fail: string },
  observed: unknown,
  expected: unknown,
  subject?: string,
): RuleResult {
  return ok
    ? result.pass(path, messages.pass, observed, expected, subject)
    : result.fail(path, messages.fail, observed, expected, subject);
}

/**
 * A requirement of the host's configuration encryption (runtime.stateEncryption.require*, API 7.0.2+): pass when set,
 * fail when false, unknown when the host did not report the flag.
 */
export function encryptionRequirement(
  esxi: EsxiHostFacts,
  flag: 'requireSecureBoot' | 'requireExecInstalledOnly',
  messages: { pass: string; fail: string },
): RuleResult | RuleResult[] {
  return withFact('esxi.stateEncryption', esxi.esxi.stateEncryption, (state) => {
    const path = `esxi.stateEncryption.${flag}`;
    const value = state[flag];
    if (value === undefined) return result.unknown(path, `runtime.stateEncryption.${flag} not reported by the host`);
    return verdict(value, path, messages, value, true);
  });
}
