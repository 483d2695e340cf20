import { defineRule, isUnknown, noParams, result, type RuleResult } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-credssp-enabled',
  title: 'CredSSP is enabled on the Hyper-V host',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale:
    "CredSSP hands the user's reusable credentials to the remote side. As a WinRM server option it leaves administrator passwords on the host; as client delegation it sends them onward from the host.",
  risk: 'Whoever controls the host (or a server it delegates to) harvests administrator credentials and moves laterally to other hosts.',
  remediation: {
    text: 'Disable CredSSP for WinRM and the AllowFreshCredentials delegation; use Kerberos constrained delegation for live migration and remote management.',
    powershell: 'Disable-WSManCredSSP -Role Server; Disable-WSManCredSSP -Role Client',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/powershell/module/microsoft.wsman.management/disable-wsmancredssp',
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const results: RuleResult[] = [];
    const winrm = facts.exposure.winrm;
    if (isUnknown(winrm)) results.push(result.unknown('exposure.winrm.auth.credSSP', winrm, 'winrm-service'));
    else if (isUnknown(winrm.auth.credSSP))
      results.push(result.unknown('exposure.winrm.auth.credSSP', winrm.auth.credSSP, 'winrm-service'));
    else if (winrm.auth.credSSP)
      results.push(
        result.fail(
          'exposure.winrm.auth.credSSP',
          'WinRM accepts CredSSP authentication.',
          true,
          false,
          'winrm-service',
        ),
      );
    else
      results.push(
        result.pass('exposure.winrm.auth.credSSP', 'WinRM does not accept CredSSP.', false, false, 'winrm-service'),
      );
    const settings = facts.hyperv.settings;
    const key = 'CredSSP.AllowFreshCredentials';
    if (isUnknown(settings)) results.push(result.unknown(`hyperv.settings[${key}]`, settings, 'client-delegation'));
    // The collector reports every setting it reads (null when the policy value is absent): a missing key was not read.
    else if (settings[key] === undefined)
      results.push(
        result.unknown(`hyperv.settings[${key}]`, `${key} was not reported by the collector`, 'client-delegation'),
      );
    else if (isUnknown(settings[key]))
      results.push(result.unknown(`hyperv.settings[${key}]`, settings[key], 'client-delegation'));
    else {
      const value = settings[key];
      const on = value === true || value === 1 || value === '1';
      results.push(
        on
          ? result.fail(
              `hyperv.settings[${key}]`,
              'The host may delegate fresh credentials over CredSSP.',
              value ?? null,
              false,
              'client-delegation',
            )
          : result.pass(
              `hyperv.settings[${key}]`,
              'CredSSP credential delegation is not configured.',
              value ?? null,
              false,
              'client-delegation',
            ),
      );
    }
    return results;
  },
});
