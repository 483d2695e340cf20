import { defineRule, isUnknown, noParams, result, type RuleResult } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'esxi-firewall-ruleset-any-source',
  title: 'ESXi firewall rulesets let any address reach enabled hypervisor services (allowedHosts.allIp)',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'internet-exposed',
  rationale:
    'Each enabled ruleset with allowedHosts.allIp opens a hypervisor API to every network that reaches the host, VM networks included; management should be reachable from management networks only.',
  risk: 'Anyone who can route to the host can attack its SSH, web, CIM or vendor daemons directly.',
  remediation: {
    text: 'Set allowedHosts for each enabled ruleset to the management networks.',
    esxcli:
      'esxcli network firewall ruleset set -r <ruleset> -a false; esxcli network firewall ruleset allowedip add -r <ruleset> -i <mgmt-cidr>',
  },
  references: { scg: ['firewall-restrict-access'], stig: ['ESXI-80-000239'] },
  params: noParams,
  evaluate(facts) {
    const firewall = facts.exposure.firewall;
    if (isUnknown(firewall)) return result.unknown('exposure.firewall', firewall);
    const results: RuleResult[] = [];
    // Rules unread, or none listed: the ruleset may be inbound.
    const inbound = firewall.rulesets.filter(
      (r) => isUnknown(r.rules) || r.rules.length === 0 || r.rules.some((rule) => /^in/i.test(rule.direction)),
    );
    for (const r of inbound) {
      const path = `exposure.firewall.rulesets[${r.key}]`;
      if (isUnknown(r.rules)) {
        if (r.enabled !== false && r.allowedAllIp !== false)
          results.push(result.unknown(`${path}.rules`, r.rules, r.key));
        continue;
      }
      const ports = r.rules.map((rule) => `${rule.protocol}/${rule.port}`).join(', ');
      if (r.enabled === true && r.allowedAllIp === true) {
        results.push(
          result.fail(
            `${path}.allowedAllIp`,
            `Ruleset ${r.key}${ports ? ` (${ports})` : ''} accepts any source address.`,
            true,
            false,
            r.key,
          ),
        );
      } else if (r.enabled !== false && r.allowedAllIp !== false) {
        // One flag unreported and the other not false: the ruleset may be open.
        const reasons = [r.enabled, r.allowedAllIp].filter(isUnknown).map((u) => u.reason);
        results.push(
          result.unknown(isUnknown(r.enabled) ? `${path}.enabled` : `${path}.allowedAllIp`, reasons.join('; '), r.key),
        );
      }
    }
    if (results.length === 0)
      results.push(
        result.pass(
          'exposure.firewall.rulesets',
          'No enabled inbound ruleset is open to all addresses (the default policy is judged by esxi-firewall-incoming-default-allow).',
          0,
          0,
        ),
      );
    return results;
  },
});
