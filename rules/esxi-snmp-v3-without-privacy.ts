import { isUnknown } from '../src/core/model/index.js';
import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { withFact } from '../src/rules/kit/esxi-facts.js';

const path = 'esxi.cli.snmpV3';

export default defineRule({
  id: 'esxi-snmp-v3-without-privacy',
  title: 'ESXi SNMP v3 users without privacy (encryption)',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'internet-exposed',
  rationale:
    'SNMP v3 protects its traffic only at the "priv" security level (authentication and AES privacy); "none" and "auth" users send host data in clear text, and "none" answers without authentication. Users and protocols are readable only through esxcli system snmp get.',
  risk: 'Anyone on the management network reads host inventory and counters, or queries the agent without credentials.',
  remediation: {
    text: 'Give every SNMP v3 user the priv security level with AES128 privacy and SHA1 authentication, or disable the SNMP agent.',
    esxcli: 'esxcli system snmp set --authentication SHA1 --privacy AES128 --users <user>/<authhash>/<privhash>/priv',
  },
  references: {
    scg: ['deactivate-snmp'],
    stig: ['ESXI-80-000212'],
    urls: [
      'https://docs.vmware.com/en/VMware-vSphere/6.5/com.vmware.vsphere.monitoring.doc/GUID-8FA79C0D-52BD-408B-9BF0-FEB4B8F04519.html',
    ],
  },
  params: noParams,
  evaluate: (esxi) =>
    withFact(path, esxi.esxi.cli.snmpV3, (snmp) => {
      const observed = {
        enabled: isUnknown(snmp.enabled) ? null : snmp.enabled,
        privacy: snmp.privacy,
        users: snmp.users,
      };
      const expected = { usersSecurity: 'priv', privacy: 'AES128' };
      if (snmp.enabled === false) return result.pass(path, 'The SNMP agent is disabled.', observed, expected);
      if (snmp.users.length === 0) return result.pass(path, 'No SNMP v3 users are configured.', observed, expected);
      const clear = snmp.users.filter((u) => u.security !== 'priv' || snmp.privacy.toLowerCase() === 'none');
      if (clear.length === 0)
        return result.pass(path, `Every SNMP v3 user uses privacy (${snmp.privacy}).`, observed, expected);
      const list = clear
        .map((u) => `${u.user} (${u.security}${u.security === 'priv' ? ', agent privacy none' : ''})`)
        .join(', ');
      return result.fail(path, `SNMP v3 user(s) without privacy: ${list}.`, observed, expected);
    }),
});
