import type { z } from 'zod';
import type { EsxiCliSettings } from '../../src/model/esxi.js';
import { unknown, type EsxiHostFacts, type ResultStatus, type UnknownFact } from '../../src/model/index.js';
import type { SettingSource } from '../../src/rules/advanced-option.js';
import type { Rule, RuleProfile } from '../../src/rules/define.js';
import { esxiFacts } from '../fixtures/facts.js';
import { testRule, type RuleCase } from './tester.js';

type OptionValue = string | number | boolean | null;
type CliSettings = z.infer<typeof EsxiCliSettings>;

/** Every esxcli-only setting known, so single tests only override what they exercise. */
export function cliSettings(overrides: Partial<CliSettings> = {}): CliSettings {
  return {
    accounts: [
      { user: 'root', shellAccess: true },
      { user: 'dcui', shellAccess: false },
    ],
    syslog: { localLogOutputIsPersistent: true, logFilteringEnabled: false },
    keyPersistence: false,
    kernel: { disableHwrng: 'FALSE', entropySources: '0' },
    tlsProfile: 'NIST_2024',
    sshServer: {},
    sshFips: true,
    ...overrides,
  };
}

/** The fixture ESXi host with one part replaced wholesale (deep merge cannot remove keys from a record). */
export function esxiWith(change: (facts: EsxiHostFacts) => void): EsxiHostFacts {
  const facts = esxiFacts();
  change(facts);
  return facts;
}

function withSetting(source: SettingSource, values: Record<string, OptionValue> | UnknownFact | undefined): EsxiHostFacts {
  return esxiWith((f) => {
    if (source === 'advanced') f.esxi.advancedOptions = values ?? {};
    else f.esxi.cli = values === undefined ? undefined : cliSettings({ [source]: values } as Partial<CliSettings>);
  });
}

export interface SettingCases {
  key: string;
  source?: SettingSource;
  /** Values the default (scg) profile accepts. */
  pass: OptionValue[];
  /** Values the default profile rejects. */
  fail: OptionValue[];
  /** What a host that lacks the key gets. */
  absent: ResultStatus;
  /** A value that is not of the setting's type (answers unknown). */
  malformed?: OptionValue;
  /** Profile- or parameter-specific verdicts where baselines disagree. */
  variants?: { profile?: RuleProfile; params?: Record<string, unknown>; value: OptionValue; status: ResultStatus }[];
}

/** Table test for a keyed-setting rule: pass and fail values, unknown facts, an absent key, profile variants. */
export function testSettingRule(rule: Rule, spec: SettingCases): void {
  const source = spec.source ?? 'advanced';
  const base = source === 'advanced' ? 'esxi.advancedOptions' : `esxi.cli.${source}`;
  const path = `${base}[${spec.key}]`;
  const show = (v: OptionValue) => JSON.stringify(v);
  const cases: RuleCase[] = [
    ...spec.pass.map((v) => ({ name: `passes with ${show(v)}`, facts: withSetting(source, { [spec.key]: v }), expect: [{ status: 'pass' as const, path }] })),
    ...spec.fail.map((v) => ({ name: `fails with ${show(v)}`, facts: withSetting(source, { [spec.key]: v }), expect: [{ status: 'fail' as const, path }] })),
    {
      name: 'unknown when the settings could not be read',
      facts: withSetting(source, unknown('NoPermission: Host.Config.AdvancedConfig')),
      expect: [{ status: 'unknown', path: base, message: 'NoPermission' }],
    },
    { name: 'a host without the key', facts: withSetting(source, { 'Other.Key': 1 }), expect: [{ status: spec.absent, path }] },
    ...(spec.variants ?? []).map((v) => ({
      name: `${v.profile ?? 'scg'} profile${v.params ? ` with ${JSON.stringify(v.params)}` : ''}: ${show(v.value)} is ${v.status}`,
      facts: withSetting(source, { [spec.key]: v.value }),
      profile: v.profile,
      params: v.params,
      expect: [{ status: v.status, path }],
    })),
  ];
  if (spec.malformed !== undefined) {
    cases.push({
      name: `unknown when the value ${show(spec.malformed)} has the wrong type`,
      facts: withSetting(source, { [spec.key]: spec.malformed }),
      expect: [{ status: 'unknown', path }],
    });
  }
  if (source !== 'advanced') {
    cases.push({ name: 'unknown when the connector does not collect esxcli settings', facts: withSetting(source, undefined), expect: [{ status: 'unknown', path: base }] });
  }
  testRule(rule, cases);
}
