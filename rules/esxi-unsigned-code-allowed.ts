import { defineRule, isUnknown, noParams, result, type RuleResult } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'esxi-unsigned-code-allowed',
  title: 'ESXi accepts or runs CommunitySupported (unsigned) VIBs in the hypervisor',
  severity: 'high',
  platforms: ['esxi'],
  category: 'software-supply-chain',
  rationale:
    'CommunitySupported VIBs are not signed by VMware or a partner. A host acceptance level of CommunitySupported lets anyone with install rights load unsigned code into Ring -1; an installed community VIB already runs there.',
  risk: 'Unsigned kernel code (or a tampered VIB) gets full control of the hypervisor and every VM on it.',
  remediation: {
    text: 'Remove community VIBs and raise the host acceptance level to PartnerSupported or higher (VMkernel.Boot.execInstalledOnly is checked by esxi-exec-installed-only).',
    esxcli: 'esxcli software acceptance set --level=PartnerSupported',
    powercli: '(Get-EsxCli -VMHost $h -V2).software.acceptance.set.Invoke(@{level="PartnerSupported"})',
  },
  references: { scg: ['vib-acceptance-level-supported'], stig: ['ESXI-80-000133'] },
  params: noParams,
  evaluate(facts) {
    const results: RuleResult[] = [];
    const level = facts.esxi.acceptanceLevel;
    const path = 'esxi.acceptanceLevel';
    const expected = 'partner or higher';
    if (isUnknown(level)) results.push(result.unknown(path, level, 'acceptance-level'));
    else if (level === 'community')
      results.push(
        result.fail(
          path,
          'The host acceptance level is CommunitySupported: unsigned VIBs can be installed.',
          level,
          expected,
          'acceptance-level',
        ),
      );
    else results.push(result.pass(path, `The host acceptance level is ${level}.`, level, expected, 'acceptance-level'));

    const drivers = facts.drivers;
    if (isUnknown(drivers)) results.push(result.unknown('drivers', drivers, 'installed-vibs'));
    else {
      const community = drivers.filter((d) => d.inHypervisor && d.acceptanceLevel === 'community');
      if (community.length === 0)
        results.push(result.pass('drivers', 'No CommunitySupported VIB is installed.', [], [], 'installed-vibs'));
      for (const vib of community) {
        results.push(
          result.fail(
            `drivers[${vib.name}]`,
            `CommunitySupported (unsigned) VIB ${vib.name} ${vib.version ?? ''} is installed.`.replace(' .', '.'),
            'community',
            expected,
            `vib:${vib.name}`,
          ),
        );
      }
    }
    return results;
  },
});
