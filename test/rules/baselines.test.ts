import { describe, expect, it } from 'vitest';
import {
  citationFile,
  citationsFor,
  scgCatalogue,
  severityForStigIds,
  STIG_CATEGORY_SEVERITY,
  stigCatalogue,
  stigCategory,
} from '../../src/rules/kit/baselines.js';
import type { Rule } from '../../src/rules/kit/define.js';
import { listRules } from '../../src/rules/registry.js';
import { isUnknown } from '../../src/core/model/index.js';
import { esxiWith } from './esxi-helpers.js';
import { runRule } from './tester.js';

const rules = listRules();

/** The SCG ids a rule names without the component prefix the SCG controls CSV gives them ("esxi-8."). */
function scgIds(rule: Rule): string[] {
  return (rule.references.scg ?? []).map((id) => `${rule.platforms[0]}-8.${id}`);
}

function cited(rule: Rule, kind: 'stig' | 'scg'): string[] {
  const entry = citationsFor(rule.id);
  if (!Array.isArray(entry)) return [];
  const catalogue = kind === 'stig' ? stigCatalogue.baselines : scgCatalogue.baselines;
  return entry.filter((c) => c.baseline in catalogue).map((c) => c.id);
}

describe('baseline catalogues', () => {
  it('maps STIG categories to severities one way: CAT I high, CAT II medium, CAT III low', () => {
    expect(STIG_CATEGORY_SEVERITY).toEqual({ 'CAT I': 'high', 'CAT II': 'medium', 'CAT III': 'low' });
  });

  it('holds the ESXi 8.0 STIG V2R3 ids with their categories, without the id V2R2 removed', () => {
    const esxi = stigCatalogue.baselines['esxi-8.0-stig']!;
    expect(esxi.version).toBe('V2R3');
    expect(esxi.ids['ESXI-80-000111']).toBe('CAT II');
    expect(esxi.ids['ESXI-80-000133']).toBe('CAT I');
    expect(esxi.ids['ESXI-80-000213']).toBe('CAT III');
    expect(esxi.ids['ESXI-80-000161']).toBeUndefined();
  });

  it('holds the Windows Server STIG ids with their categories', () => {
    expect(stigCategory('WN22-MS-000140')).toBe('CAT I');
    expect(stigCategory('WN22-CC-000510')).toBe('CAT II');
    expect(stigCategory('WN19-00-000470')).toBe('CAT III');
    expect(stigCategory('WN22-XX-999999')).toBeUndefined();
  });

  it('rejects a STIG id no catalogue lists', () => {
    expect(() => severityForStigIds(['ESXI-80-000161'])).toThrow(/ESXI-80-000161 is in no baseline/);
  });
});

describe('citations (data/baselines/citations.json)', () => {
  const ruleIds = new Set(rules.map((r) => r.id));

  it('are keyed by existing rule ids', () => {
    expect(Object.keys(citationFile.rules).filter((id) => !ruleIds.has(id))).toEqual([]);
  });

  it.each(Object.entries(citationFile.rules))(
    '%s: each cited id exists in the baseline version named',
    (_id, entry) => {
      if (!Array.isArray(entry)) return;
      for (const c of entry) {
        const stig = stigCatalogue.baselines[c.baseline];
        const scg = scgCatalogue.baselines[c.baseline];
        expect(stig ?? scg, `${c.baseline} is no baseline key`).toBeDefined();
        expect(c.version, `${c.id}: cited version`).toBe((stig ?? scg)!.version);
        const known = stig ? c.id in stig.ids : scg!.ids.includes(c.id);
        expect(known, `${c.id} is not in ${c.baseline} ${c.version}`).toBe(true);
      }
    },
  );

  it.each(rules.map((r) => [r.id, r] as const))('%s: references and citations name the same controls', (_id, rule) => {
    expect(cited(rule, 'stig').sort()).toEqual([...(rule.references.stig ?? [])].sort());
    expect(cited(rule, 'scg').sort()).toEqual(scgIds(rule).sort());
  });

  it.each(rules.filter((r) => r.references.stig?.length).map((r) => [r.id, r] as const))(
    '%s: severity follows the STIG category of its cited ids',
    (_id, rule) => {
      expect(rule.severity).toBe(severityForStigIds(rule.references.stig!));
    },
  );
});

describe('boundary values (citations.json boundaries: STIG under the stig profile, SCG under scg)', () => {
  const cases = rules.flatMap((rule) => {
    const entry = citationsFor(rule.id);
    if (!Array.isArray(entry)) return [];
    return entry.flatMap((c) => {
      if (!c.boundaries) return [];
      const profile = c.baseline in stigCatalogue.baselines ? ('stig' as const) : ('scg' as const);
      const { setting, pass, fail } = c.boundaries;
      return [
        ...pass.map((value) => [rule.id, c.id, profile, setting, value, 'pass', rule] as const),
        ...fail.map((value) => [rule.id, c.id, profile, setting, value, 'fail', rule] as const),
      ];
    });
  });

  it('cover the numeric STIG and SCG settings', () => {
    expect(new Set(cases.filter((c) => c[2] === 'stig').map((c) => c[0])).size).toBeGreaterThanOrEqual(16);
    expect(new Set(cases.filter((c) => c[2] === 'scg').map((c) => c[0])).size).toBeGreaterThanOrEqual(16);
  });

  it.each(cases)('%s (%s, %s): %s = %j is %s', (_id, _control, profile, setting, value, status, rule) => {
    const facts = esxiWith((f) => {
      f.esxi.advancedOptions = {
        ...(isUnknown(f.esxi.advancedOptions) ? {} : f.esxi.advancedOptions),
        [setting]: value,
      };
    });
    const findings = runRule(rule, facts, { profile });
    expect(findings.map((f) => f.status)).toEqual([status]);
  });
});
