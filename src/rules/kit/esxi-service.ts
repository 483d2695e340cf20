import type { z } from 'zod';
import { isUnknown, type EsxiHostFacts } from '../../core/model/index.js';
import type { RuleMeta } from './advanced-option.js';
import { defineRule, result, type RuleDefinition, type RuleResult } from './define.js';
import { verdict, withFact } from './esxi-facts.js';

/** What a baseline expects of a host service (config.service.service[]). */
export interface ServiceExpectation {
  running: boolean;
  /** Accepted startup policies: "off" (start and stop manually), "on" (with host), "automatic" (with port usage). */
  policies: readonly string[];
}

export interface ServiceSpec<P extends z.ZodType> {
  /** Service key: TSM-SSH, TSM, slpd, sfcbd-watchdog, snmpd, ntpd. */
  key: string;
  /** A service the host does not have: it cannot run (not_applicable), or the baseline needs it (fail). */
  whenAbsent: 'not_applicable' | 'fail';
  expect(params: z.infer<P>): ServiceExpectation;
}

/** An ESXi rule that checks one service's running state and startup policy. */
export function defineServiceRule<P extends z.ZodType>(
  meta: RuleMeta<P>,
  spec: ServiceSpec<P>,
): RuleDefinition<P, 'esxi'> {
  return defineRule({
    ...meta,
    platforms: ['esxi'],
    evaluate: (esxi, params) =>
      withFact('services', esxi.services, (services) => {
        const path = `services[${spec.key}]`;
        const want = spec.expect(params);
        const expected = { running: want.running, policy: want.policies };
        const service = services.find((s) => s.name === spec.key);
        if (!service) {
          return spec.whenAbsent === 'fail'
            ? result.fail(path, `service ${spec.key} is not installed`, null, expected)
            : result.notApplicable(path, `service ${spec.key} is not installed on this host`);
        }
        if (isUnknown(service.running)) return result.unknown(path, service.running);
        const policy = service.startupPolicy;
        const observed = { running: service.running, policy: isUnknown(policy) ? null : policy };
        const runningOk = service.running === want.running;
        // A service in the wrong state fails whatever its policy; in the right state the policy decides.
        if (runningOk && isUnknown(policy))
          return result.unknown(path, `startup policy of ${spec.key}: ${policy.reason}`);
        const ok = runningOk && !isUnknown(policy) && want.policies.includes(policy);
        const state = `${service.running ? 'running' : 'stopped'}, policy ${isUnknown(policy) ? 'unknown' : policy}`;
        const wanted = `${want.running ? 'running' : 'stopped'}, policy ${want.policies.join(' or ')}`;
        return verdict(
          ok,
          path,
          { pass: `service ${spec.key} is ${state}`, fail: `service ${spec.key} is ${state}; expected ${wanted}` },
          observed,
          expected,
        );
      }),
  });
}

/**
 * A pass when the host keeps time with PTP: ptpd (label "PTP Daemon", as the STIG's check names it) running and
 * starting with the host. STIG ESXI-80-000124: "If PTP is used instead of NTP, this is not a finding."
 */
export function ptpInsteadOfNtp(esxi: EsxiHostFacts): RuleResult | undefined {
  if (isUnknown(esxi.services)) return undefined;
  const ptpd = esxi.services.find((s) => s.name === 'ptpd' || s.label === 'PTP Daemon');
  if (!ptpd || ptpd.running !== true || ptpd.startupPolicy !== 'on') return undefined;
  return result.pass(
    'services[ptpd]',
    'The host keeps time with PTP (ptpd running, starting with the host) instead of NTP.',
    { running: true, policy: 'on' },
  );
}
