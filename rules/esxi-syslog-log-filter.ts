import { defineRule, noParams } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-syslog-log-filter',
  title: 'ESXi log filtering is enabled',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'logging',
  rationale: 'Log filters drop matching messages before they are stored or forwarded.',
  risk: 'An attacker with root can hide their traces with a filter; audit evidence goes missing.',
  remediation: {
    text: 'Disable log filtering.',
    esxcli: 'esxcli system syslog config logfilter set --log-filtering-enabled=false && esxcli system syslog reload',
  },
  references: { scg: ['logs-filter'], stig: ['ESXI-80-000246'] },
  params: noParams,
  evaluate: (esxi) =>
    withFact('esxi.cli.syslog', esxi.esxi.cli.syslog, (syslog) =>
      withFact('esxi.cli.syslog.logFilteringEnabled', syslog.logFilteringEnabled, (filtering) =>
        verdict(
          !filtering,
          'esxi.cli.syslog.logFilteringEnabled',
          { pass: 'log filtering is off', fail: 'log filtering is on' },
          filtering,
          false,
        ),
      ),
    ),
});
