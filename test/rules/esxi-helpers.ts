import type { z } from 'zod';
import type { EsxiCliSettings } from '../../src/core/model/esxi.js';
import {
  unknown,
  type EsxiHostFacts,
  type Fact,
  type ResultStatus,
  type UnknownFact,
} from '../../src/core/model/index.js';
import type { SettingSource } from '../../src/rules/kit/advanced-option.js';
import type { Rule, RuleProfile } from '../../src/rules/kit/define.js';
import { factsFromOlderReport } from '../../src/report/older-facts.js';
import { esxiFacts } from '../fixtures/facts.js';
import { testRule, type RuleCase } from './tester.js';

type OptionValue = string | number | boolean | null;
type CliSettings = z.infer<typeof EsxiCliSettings>;

/** Every esxcli-only setting known, so single tests only override what they exercise. */
export function cliSettings(overrides: Partial<CliSettings> = {}): CliSettings {
  return { ...esxiFacts().esxi.cli, ...overrides };
}

/** What the connector reports when esxcli was not run: every esxcli-only setting unknown, with that reason. */
export function cliNotRun(): CliSettings {
  const notRun = unknown('esxcli was not run for this host');
  return Object.fromEntries(Object.keys(cliSettings()).map((key) => [key, notRun])) as unknown as CliSettings;
}

/**
 * The fixture ESXi host as an older hvscan saved it, without what `drop` removes, read back the way reports are
 * (src/report/older-facts.ts): what the older model lacked is unknown with that reason.
 */
export function olderEsxi(drop: (facts: Record<string, any>) => void): EsxiHostFacts {
  const saved = structuredClone(esxiFacts()) as Record<string, any>;
  drop(saved);
  return factsFromOlderReport(saved) as EsxiHostFacts;
}

/** The fixture ESXi host with one part replaced wholesale (deep merge cannot remove keys from a record). */
export function esxiWith(change: (facts: EsxiHostFacts) => void): EsxiHostFacts {
  const facts = esxiFacts();
  change(facts);
  return facts;
}

function withSetting(source: SettingSource, values: Record<string, OptionValue> | UnknownFact): EsxiHostFacts {
  return esxiWith((f) => {
    if (source === 'advanced') f.esxi.advancedOptions = values;
    else f.esxi.cli = cliSettings({ [source]: values } as Partial<CliSettings>);
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
    ...spec.pass.map((v) => ({
      name: `passes with ${show(v)}`,
      facts: withSetting(source, { [spec.key]: v }),
      expect: [{ status: 'pass' as const, path }],
    })),
    ...spec.fail.map((v) => ({
      name: `fails with ${show(v)}`,
      facts: withSetting(source, { [spec.key]: v }),
      expect: [{ status: 'fail' as const, path }],
    })),
    {
      name: 'unknown when the settings could not be read',
      facts: withSetting(source, unknown('NoPermission: Host.Config.AdvancedConfig')),
      expect: [{ status: 'unknown', path: base, message: 'NoPermission' }],
    },
    {
      name: 'a host without the key',
      facts: withSetting(source, { 'Other.Key': 1 }),
      expect: [{ status: spec.absent, path }],
    },
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
    cases.push({
      name: 'unknown when esxcli was not run',
      facts: esxiWith((f) => void (f.esxi.cli = cliNotRun())),
      expect: [{ status: 'unknown', path: base, message: 'esxcli was not run' }],
    });
  }
  testRule(rule, cases);
}

export interface ServiceCases {
  key: string;
  pass: { running: boolean; policy: string }[];
  fail: { running: boolean; policy: string }[];
  absent: ResultStatus;
}

/** Table test for a service rule: states that pass and fail, an unknown service list, unknown running, a missing service. */
export function testServiceRule(rule: Rule, spec: ServiceCases): void {
  const path = `services[${spec.key}]`;
  const withService = (running: boolean | UnknownFact, policy: string | UnknownFact) =>
    esxiWith((f) => {
      f.services = [{ name: spec.key, running, startupPolicy: policy, exposed: false }];
    });
  const state = (s: { running: boolean; policy: string }) => `${s.running ? 'running' : 'stopped'}/${s.policy}`;
  testRule(
    rule,
    [
      ...spec.pass.map((s) => ({
        name: `passes when ${state(s)}`,
        facts: withService(s.running, s.policy),
        expect: [{ status: 'pass' as const, path, observed: { running: s.running, policy: s.policy } }],
      })),
      ...spec.fail.map((s) => ({
        name: `fails when ${state(s)}`,
        facts: withService(s.running, s.policy),
        expect: [{ status: 'fail' as const, path, observed: { running: s.running, policy: s.policy } }],
      })),
      {
        name: 'unknown when the service list could not be read',
        facts: esxiWith((f) => {
          f.services = unknown('NoPermission: Host.Config.NetService');
        }),
        expect: [{ status: 'unknown', path: 'services', message: 'NoPermission' }],
      },
      {
        name: 'unknown when the running state is unknown',
        facts: withService(unknown('not returned'), 'off'),
        expect: [{ status: 'unknown', path }],
      },
      {
        name: 'unknown with the reason when the startup policy is unread and the running state is right',
        facts: withService(spec.pass[0]!.running, unknown('HostService.policy not reported')),
        expect: [{ status: 'unknown', path, message: 'HostService.policy not reported' }],
      },
      {
        name: 'a host without the service',
        facts: esxiWith((f) => {
          f.services = [{ name: 'DCUI', running: true, startupPolicy: 'on', exposed: false }];
        }),
        expect: [{ status: spec.absent, path }],
      },
    ],
    { statuses: ['pass', 'fail', 'unknown', spec.absent] },
  );
}

type Network = Exclude<EsxiHostFacts['exposure']['network'], UnknownFact>;

/** The fixture host with its standard-switch network replaced. */
export function esxiNetwork(network: Partial<Network>): EsxiHostFacts {
  return esxiWith((f) => {
    f.exposure.network = { vswitches: [], portgroups: [], vmknics: [], ...network };
  });
}

/** A port group on vSwitch0 with the given VLAN, VM count and (optionally) its own policy override. */
export function portgroup(
  name: string,
  vlanId: Fact<number>,
  vmCount: Fact<number>,
  policy: Network['portgroups'][number]['policy'] = {},
): Network['portgroups'][number] {
  return { name, vswitch: 'vSwitch0', vlanId, vmCount, policy };
}

/** Table test for one vSwitch security policy field: per-switch and per-port-group subjects, inheritance, unknowns. */
export function testSecurityPolicyRule(rule: Rule, field: 'allowPromiscuous' | 'macChanges' | 'forgedTransmits'): void {
  const reject = { [field]: false };
  const accept = { [field]: true };
  const vswitch = (policy: Record<string, boolean>) => ({ name: 'vSwitch0', uplinks: ['vmnic0'], policy });
  const swPath = `exposure.network.vswitches[vSwitch0].policy.${field}`;
  const pgPath = (name: string) => `exposure.network.portgroups[${name}].policy.${field}`;
  testRule(
    rule,
    [
      {
        name: 'switch and inheriting port group reject',
        facts: esxiNetwork({ vswitches: [vswitch(reject)], portgroups: [portgroup('VM Network', 20, 3)] }),
        expect: [
          { status: 'pass', path: swPath, subject: 'vSwitch vSwitch0', observed: 'Reject' },
          { status: 'pass', path: pgPath('VM Network'), subject: 'port group VM Network' },
        ],
      },
      {
        name: 'a port group inherits Accept from its switch',
        facts: esxiNetwork({ vswitches: [vswitch(accept)], portgroups: [portgroup('VM Network', 20, 3)] }),
        expect: [
          { status: 'fail', path: swPath, observed: 'Accept' },
          { status: 'fail', path: pgPath('VM Network'), subject: 'port group VM Network', observed: 'Accept' },
        ],
      },
      {
        name: 'a port group override accepts on a rejecting switch',
        facts: esxiNetwork({
          vswitches: [vswitch(reject)],
          portgroups: [portgroup('Sniffer', 30, 1, accept), portgroup('VM Network', 20, 3)],
        }),
        expect: [
          { status: 'pass', path: swPath },
          { status: 'fail', path: pgPath('Sniffer'), subject: 'port group Sniffer' },
          { status: 'pass', path: pgPath('VM Network') },
        ],
      },
      {
        name: 'a port group override rejects on an accepting switch',
        facts: esxiNetwork({ vswitches: [vswitch(accept)], portgroups: [portgroup('Locked', 30, 1, reject)] }),
        expect: [
          { status: 'fail', path: swPath },
          { status: 'pass', path: pgPath('Locked') },
        ],
      },
      {
        name: 'an unreported value is unknown, per subject',
        facts: esxiNetwork({ vswitches: [vswitch({})], portgroups: [portgroup('VM Network', 20, 3)] }),
        expect: [
          { status: 'unknown', path: swPath },
          { status: 'unknown', path: pgPath('VM Network') },
        ],
      },
      {
        name: 'unknown network',
        facts: esxiWith((f) => void (f.exposure.network = unknown('config.network not returned'))),
        expect: [{ status: 'unknown', path: 'exposure.network' }],
      },
      {
        name: 'no standard switch',
        facts: esxiNetwork({}),
        expect: [{ status: 'not_applicable', path: 'exposure.network.vswitches' }],
      },
    ],
    { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
  );
}
