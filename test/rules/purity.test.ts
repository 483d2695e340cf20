import childProcess from 'node:child_process';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { HostFacts } from '../../src/core/model/index.js';
import { RULE_PROFILES } from '../../src/rules/kit/define.js';
import { evaluateHost } from '../../src/rules/engine.js';
import { listRules } from '../../src/rules/registry.js';
import { esxiFacts, hypervFacts } from '../fixtures/facts.js';
import { hardenedEsxi, hardenedWs2022, riskyEsxi70, riskyWs2019 } from '../fixtures/seed-hosts.js';
import { TEST_NOW } from './tester.js';

const u = { unknown: true as const, reason: 'purity probe' };
const hosts: HostFacts[] = [
  riskyEsxi70(),
  hardenedEsxi(),
  riskyWs2019(),
  hardenedWs2022(),
  esxiFacts({
    drivers: u,
    agents: u,
    services: u,
    vms: u,
    exposure: { firewall: u, network: u, mob: u, snmp: u },
    esxi: { advancedOptions: u, acceptanceLevel: u },
  }),
  hypervFacts({
    drivers: u,
    agents: u,
    services: u,
    vms: u,
    hyperv: { settings: u, defender: u, deviceGuard: u, features: u },
  }),
];

/** Every way a rule could reach the network, the filesystem, a process or the wall clock. */
const guarded: Array<[object, string]> = [
  ...[
    'readFileSync',
    'readFile',
    'existsSync',
    'statSync',
    'readdirSync',
    'openSync',
    'writeFileSync',
    'createReadStream',
    'accessSync',
  ].map((name) => [fs, name] as [object, string]),
  ...['readFile', 'stat', 'readdir', 'open', 'writeFile'].map((name) => [fs.promises, name] as [object, string]),
  [net, 'connect'],
  [net, 'createConnection'],
  [net.Socket.prototype, 'connect'],
  [tls, 'connect'],
  [http, 'request'],
  [http, 'get'],
  [https, 'request'],
  [https, 'get'],
  [dns, 'lookup'],
  [dns, 'resolve'],
  [dns.promises, 'lookup'],
  [childProcess, 'spawn'],
  [childProcess, 'execFile'],
  [globalThis, 'fetch'],
  [Date, 'now'],
];

describe('rules are pure', () => {
  const spies: Array<{ name: string; spy: MockInstance }> = [];
  let findingsCount = 0;
  const RealDate = Date;

  beforeAll(() => {
    for (const [target, name] of guarded) {
      const spy = vi.spyOn(target as Record<string, () => unknown>, name).mockImplementation(() => {
        throw new Error(`impure call: ${name}`);
      });
      spies.push({ name, spy });
    }
    syncBuiltinESMExports();
    // `new Date()` without arguments reads the clock: refuse it while rules run (ctx.now is the only clock).
    globalThis.Date = class extends RealDate {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) throw new Error('impure call: new Date()');
        super(...(args as ConstructorParameters<DateConstructor>));
      }
    } as DateConstructor;
  });

  afterAll(() => {
    globalThis.Date = RealDate;
    for (const { spy } of spies) spy.mockRestore();
    syncBuiltinESMExports();
  });

  it('no rule touches network, filesystem, processes or the clock, and none throws', () => {
    const errors: string[] = [];
    for (const profile of RULE_PROFILES) {
      for (const facts of hosts) {
        const findings = evaluateHost(facts, { profile, now: TEST_NOW, rules: listRules() });
        findingsCount += findings.length;
        for (const f of findings)
          if (f.message.startsWith('rule error:')) errors.push(`${f.ruleId} on ${facts.identity.name}: ${f.message}`);
      }
    }
    expect(errors).toEqual([]);
    expect(spies.filter(({ spy }) => spy.mock.calls.length > 0).map(({ name }) => name)).toEqual([]);
    expect(findingsCount).toBeGreaterThan(listRules().length);
  });

  it('the guard itself catches an impure rule', () => {
    const impure = {
      ...listRules()[0]!,
      id: 'host-impure-probe',
      evaluate: () => (fs.readFileSync('/etc/hostname'), []),
    };
    const [finding] = evaluateHost(hosts[0]!, {
      profile: 'scg',
      now: TEST_NOW,
      rules: [{ ...impure, platforms: ['esxi'] }],
    });
    expect(finding!.message).toBe('rule error: impure call: readFileSync');
  });
});
