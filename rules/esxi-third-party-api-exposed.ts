import { isUnknown, type EsxiHostFacts, type Service } from '../src/core/model/index.js';
import { z } from 'zod';
import { defineRule, result, type RuleResult } from '../src/rules/kit/define.js';

function serviceResult(services: EsxiHostFacts['services'], key: string, subject: string, what: string): RuleResult {
  const path = `services[${key}]`;
  if (isUnknown(services)) return result.unknown(path, services, subject);
  const svc = services.find((s: Service) => s.name === key);
  if (!svc)
    return result.pass(path, `${what} (${key}) is not present on this host.`, 'absent', 'stopped, policy off', subject);
  const { running, startupPolicy: policy } = svc;
  const policyOn = !isUnknown(policy) && /^(on|automatic)$/i.test(policy);
  const observed = `${running === true ? 'running' : running === false ? 'stopped' : 'state unknown'}, policy ${isUnknown(policy) ? 'unknown' : policy}`;
  if (running === true || policyOn)
    return result.fail(path, `${what} (${key}) is ${observed}.`, observed, 'stopped, policy off', subject);
  // Stopped is not "stopped and off" while either half is unread.
  if (isUnknown(running)) return result.unknown(path, running, subject);
  if (isUnknown(policy)) return result.unknown(path, policy, subject);
  return result.pass(path, `${what} (${key}) is stopped and off.`, observed, 'stopped, policy off', subject);
}

type Snmp = EsxiHostFacts['exposure']['snmp'];
type SnmpV3 = EsxiHostFacts['esxi']['cli']['snmpV3'];

/**
 * SCG deactivate-snmp wants the agent off. STIG ESXI-80-000212 accepts it on only when in use with v3 and
 * authentication: v1/v2c communities or trap targets fail, an agent with no v3 user either is unused (a finding), and a
 * v3 user without authentication (security none, or the agent's authentication protocol none) fails. The v3 users come
 * from esxcli system snmp get (esxi.cli.snmpV3); v3 trap targets are not collected, so users stand for use.
 */
function snmpResult(snmp: Snmp, v3: SnmpV3, accept: 'off' | 'v3-with-auth'): RuleResult {
  const path = 'exposure.snmp';
  if (isUnknown(snmp)) return result.unknown(path, snmp, 'snmp');
  const observed = {
    enabled: isUnknown(snmp.enabled) ? null : snmp.enabled,
    communities: snmp.readOnlyCommunities,
    trapTargets: snmp.trapTargets,
  };
  const v1v2c = snmp.readOnlyCommunities + snmp.trapTargets;
  const expected = accept === 'off' ? { enabled: false } : { enabled: false, orV3WithAuthentication: true };
  if (isUnknown(snmp.enabled)) {
    // Communities or targets configured on an agent whose state was not reported may be answering.
    return v1v2c > 0
      ? result.unknown('exposure.snmp.enabled', snmp.enabled, 'snmp')
      : result.pass(
          path,
          'SNMP has no v1/v2c communities or trap targets (whether the agent is enabled was not reported).',
          observed,
          expected,
          'snmp',
        );
  }
  if (!snmp.enabled) return result.pass(path, 'SNMP is disabled.', observed, expected, 'snmp');
  if (accept === 'off')
    return result.fail(path, 'SNMP is enabled; the SCG wants the agent off.', observed, expected, 'snmp');
  if (v1v2c > 0) {
    const what = [
      snmp.readOnlyCommunities > 0 ? `${snmp.readOnlyCommunities} v1/v2c community string(s)` : '',
      snmp.trapTargets > 0 ? `${snmp.trapTargets} v1/v2c trap target(s)` : '',
    ].filter(Boolean);
    return result.fail(path, `SNMP is enabled with ${what.join(' and ')}.`, observed, expected, 'snmp');
  }
  if (isUnknown(v3)) {
    return result.unknown(
      path,
      `SNMP is enabled without v1/v2c communities or trap targets: unused (a finding) unless v3 users with authentication are configured, and ${v3.reason}`,
      'snmp',
    );
  }
  const v3Observed = { ...observed, v3Authentication: v3.authentication, v3Users: v3.users };
  if (v3.users.length === 0)
    return result.fail(
      path,
      'SNMP is enabled but unused: no v1/v2c communities or trap targets and no v3 users.',
      v3Observed,
      expected,
      'snmp',
    );
  const noAuth = v3.authentication.toLowerCase() === 'none' ? v3.users : v3.users.filter((u) => u.security === 'none');
  if (noAuth.length > 0) {
    return result.fail(
      path,
      `SNMP v3 without authentication: ${noAuth.map((u) => u.user).join(', ')}${v3.authentication.toLowerCase() === 'none' ? " (the agent's authentication protocol is none)" : ' (security level none)'}.`,
      v3Observed,
      expected,
      'snmp',
    );
  }
  return result.pass(
    path,
    `SNMP is in use with v3 users that authenticate (${v3.authentication}): ${v3.users.map((u) => `${u.user} (${u.security})`).join(', ')}.`,
    v3Observed,
    expected,
    'snmp',
  );
}

export default defineRule({
  id: 'esxi-third-party-api-exposed',
  title: 'ESXi exposes CIM, SLP, the MOB or SNMP without need',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'internet-exposed',
  rationale:
    'CIM (sfcbd), SLP (slpd), the Managed Object Browser and SNMP are extra network-facing parsers in the hypervisor that most sites do not need. OpenSLP was the entry point of the ESXiArgs ransomware campaign. The STIG rates each CAT II; it accepts SNMP only when used with v3 and authentication, the SCG wants it off.',
  risk: 'A pre-authentication bug in one of these daemons (CVE-2021-21974 in OpenSLP) gives an attacker the hypervisor and every VM; SNMP v1/v2c leaks host details under a clear-text community string.',
  remediation: {
    text: 'Stop CIM and SLP and set their policy to off; set Config.HostAgent.plugins.solo.enableMob to false (the PowerCLI line, as the STIG fix gives it); disable SNMP, or use it with v3 users and authentication only.',
    esxcli: 'esxcli system snmp set -e no; esxcli network firewall ruleset set -r CIMSLP -e false',
    powercli:
      'Get-VMHost | Get-VMHostService | Where-Object Key -in "slpd","sfcbd-watchdog" | Set-VMHostService -Policy Off -Confirm:$false | Stop-VMHostService -Confirm:$false; Get-VMHost | Get-AdvancedSetting -Name Config.HostAgent.plugins.solo.enableMob | Set-AdvancedSetting -Value false -Confirm:$false; Get-VMHostSnmp | Set-VMHostSnmp -Enabled $false',
  },
  references: {
    scg: ['deactivate-slp', 'deactivate-cim', 'deactivate-mob', 'deactivate-snmp'],
    stig: ['ESXI-80-000231', 'ESXI-80-000228', 'ESXI-80-000047', 'ESXI-80-000212'],
    cve: ['CVE-2021-21974'],
    urls: ['https://www.vmware.com/security/advisories/VMSA-2021-0002.html'],
  },
  params: z
    .object({
      snmp: z
        .enum(['off', 'v3-with-auth'])
        .default('off')
        .describe(
          'What SNMP state passes: the agent off (SCG), or also on when used with v3 and authentication (STIG).',
        ),
    })
    .strict(),
  evaluate(facts, params) {
    const results: RuleResult[] = [];
    results.push(serviceResult(facts.services, 'sfcbd-watchdog', 'cim', 'The CIM server'));
    const slp = serviceResult(facts.services, 'slpd', 'slp', 'The SLP daemon');
    // ESXiArgs: the link to the campaign is well known but marked unverified in the reference.
    if (slp.status === 'fail') {
      slp.evidence.unverified = true;
      slp.message += ' OpenSLP was the ESXiArgs entry point (CVE-2021-21974; marked unverified in the reference).';
    }
    results.push(slp);
    const mob = facts.exposure.mob;
    if (isUnknown(mob)) results.push(result.unknown('exposure.mob', mob, 'mob'));
    else if (mob)
      results.push(
        result.fail('exposure.mob', 'The Managed Object Browser (https://<host>/mob) is enabled.', true, false, 'mob'),
      );
    else results.push(result.pass('exposure.mob', 'The Managed Object Browser is disabled.', false, false, 'mob'));
    results.push(snmpResult(facts.exposure.snmp, facts.esxi.cli.snmpV3, params.snmp));
    return results;
  },
});
