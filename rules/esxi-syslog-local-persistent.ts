import { defineRule, noParams } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-syslog-local-persistent',
  title: 'ESXi keeps its local logs on non-persistent storage',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'logging',
  rationale: 'Hosts that boot from USB/SD or run stateless write logs to a RAM disk that a reboot erases.',
  risk: 'Logs needed to investigate an incident vanish at the next reboot.',
  remediation: {
    text: 'Point Syslog.global.logDir at a persistent datastore location.',
    esxcli:
      'esxcli system syslog config set --logdir=/vmfs/volumes/<datastore>/logs/<host> && esxcli system syslog reload',
  },
  references: { scg: ['logs-persistent'], stig: ['ESXI-80-000243'] },
  params: noParams,
  evaluate: (esxi) =>
    withFact('esxi.cli.syslog', esxi.esxi.cli.syslog, (syslog) =>
      verdict(
        syslog.localLogOutputIsPersistent,
        'esxi.cli.syslog.localLogOutputIsPersistent',
        { pass: 'local log output is persistent', fail: 'local log output is not persistent' },
        syslog.localLogOutputIsPersistent,
        true,
      ),
    ),
});
