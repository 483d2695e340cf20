import { isUnknown, type EsxiHostFacts } from '../src/model/index.js';
import { defineRule, noParams, result, type RuleResult } from '../src/rules/define.js';

type Service = Exclude<EsxiHostFacts['services'], { unknown: true }>[number];

function serviceResult(services: EsxiHostFacts['services'], key: string, subject: string, what: string): RuleResult {
  const path = `services[${key}]`;
  if (isUnknown(services)) return result.unknown(path, services, subject);
  const svc = services.find((s: Service) => s.name === key);
  if (!svc) return result.pass(path, `${what} (${key}) is not present on this host.`, 'absent', 'stopped, policy off', subject);
  const running = svc.running;
  const policyOn = /^(on|automatic)$/i.test(svc.startupPolicy ?? '');
  if (isUnknown(running) && !policyOn) return result.unknown(path, running, subject);
  const observed = `${running === true ? 'running' : running === false ? 'stopped' : 'state unknown'}, policy ${svc.startupPolicy ?? 'unknown'}`;
  return running === true || policyOn
    ? result.fail(path, `${what} (${key}) is ${observed}.`, observed, 'stopped, policy off', subject)
    : result.pass(path, `${what} (${key}) is stopped and off.`, observed, 'stopped, policy off', subject);
}

export default defineRule({
  id: 'esxi-third-party-api-exposed',
  title: 'ESXi exposes CIM, SLP, the MOB or SNMP v1/v2c to the network',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'internet-exposed',
  rationale:
    'CIM (sfcbd), SLP (slpd), the Managed Object Browser and SNMP v1/v2c are extra network-facing parsers in the hypervisor that most sites do not need. OpenSLP was the entry point of the ESXiArgs ransomware campaign.',
  risk: 'A pre-authentication bug in one of these daemons (CVE-2021-21974 in OpenSLP) gives an attacker the hypervisor and every VM; SNMP v1/v2c leaks host details under a clear-text community string.',
  remediation: {
    text: 'Stop these services and set their policy to off; disable the MOB; use SNMP v3 only if SNMP is needed.',
    esxcli: 'esxcli system snmp set --enable false; /etc/init.d/slpd stop; chkconfig slpd off; esxcli network firewall ruleset set -r CIMSLP -e 0',
    powercli: 'Get-VMHostService -VMHost $h | Where-Object Key -in "slpd","sfcbd-watchdog","snmpd" | Set-VMHostService -Policy Off | Stop-VMHostService -Confirm:$false',
  },
  references: {
    scg: ['deactivate-slp', 'deactivate-cim', 'deactivate-mob', 'deactivate-snmp'],
    stig: ['ESXI-80-000231', 'ESXI-80-000228', 'ESXI-80-000047', 'ESXI-80-000212'],
    cve: ['CVE-2021-21974'],
    urls: ['https://www.vmware.com/security/advisories/VMSA-2021-0002.html'],
  },
  params: noParams,
  evaluate(facts) {
    if (facts.platform !== 'esxi') return result.notApplicable('platform', 'ESXi only');
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
    else if (mob) results.push(result.fail('exposure.mob', 'The Managed Object Browser (https://<host>/mob) is enabled.', true, false, 'mob'));
    else results.push(result.pass('exposure.mob', 'The Managed Object Browser is disabled.', false, false, 'mob'));
    const snmp = facts.exposure.snmp;
    if (isUnknown(snmp)) results.push(result.unknown('exposure.snmp', snmp, 'snmp'));
    else if (snmp.enabled === true && snmp.readOnlyCommunities > 0)
      results.push(result.fail('exposure.snmp', `SNMP is enabled with ${snmp.readOnlyCommunities} v1/v2c community string(s).`, { enabled: true, communities: snmp.readOnlyCommunities }, { enabled: false }, 'snmp'));
    // Communities configured on an agent whose state was not reported may be answering.
    else if (isUnknown(snmp.enabled) && snmp.readOnlyCommunities > 0) results.push(result.unknown('exposure.snmp.enabled', snmp.enabled, 'snmp'));
    else if (isUnknown(snmp.enabled))
      results.push(result.pass('exposure.snmp', 'SNMP has no v1/v2c communities (whether the agent is enabled was not reported).', { enabled: null, communities: 0 }, { enabled: false }, 'snmp'));
    else results.push(result.pass('exposure.snmp', snmp.enabled ? 'SNMP is enabled without v1/v2c communities.' : 'SNMP is disabled.', { enabled: snmp.enabled, communities: snmp.readOnlyCommunities }, { enabled: false }, 'snmp'));
    return results;
  },
});
