import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-dcui-shell-access',
  title: 'The ESXi dcui account may log in to the shell',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'accounts',
  rationale: 'The built-in dcui account runs the console UI with administrator rights; it never needs shell access.',
  risk: 'Another privileged account that can open a root shell.',
  remediation: {
    text: 'Remove shell access from the dcui account.',
    esxcli: 'esxcli system account set -i dcui -s false',
    powercli:
      "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.account.set.Invoke(@{id='dcui'; shellaccess='false'})",
  },
  references: { scg: ['account-dcui'], stig: ['ESXI-80-000249'] },
  params: noParams,
  evaluate: (esxi) =>
    withFact('esxi.cli.accounts', esxi.esxi.cli.accounts, (accounts) => {
      const dcui = accounts.find((a) => a.user === 'dcui');
      const path = 'esxi.cli.accounts[dcui].shellAccess';
      if (!dcui) return result.notApplicable(path, 'host has no dcui account');
      return verdict(
        !dcui.shellAccess,
        path,
        { pass: 'dcui has no shell access', fail: 'dcui has shell access' },
        dcui.shellAccess,
        false,
      );
    }),
});
