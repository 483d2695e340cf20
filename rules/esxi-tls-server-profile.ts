import { z } from 'zod';
import { defineRule, isUnknown, result } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';
import { compareVersions } from '../src/core/text/version.js';

export default defineRule({
  id: 'esxi-tls-server-profile',
  title: 'ESXi TLS server profile is not NIST_2024',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'tls',
  rationale:
    'The NIST_2024 profile (ESXi 8.0 U3 and later) limits host services to TLS 1.2/1.3 with approved cipher suites; COMPATIBLE keeps older suites. A profile change applies at the next boot, so the STIG also requires it to be the current boot profile.',
  risk: 'Management connections can negotiate weak cipher suites.',
  remediation: {
    text: 'Set the TLS server profile to NIST_2024 and reboot (ESXi 8.0 U3 and later).',
    esxcli: 'esxcli system tls server set --profile=NIST_2024',
    powercli: "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.tls.server.set.Invoke(@{profile='NIST_2024'})",
  },
  references: { scg: ['tls-profile'], stig: ['ESXI-80-000247'] },
  params: z
    .object({
      profiles: z.array(z.string().min(1)).min(1).default(['NIST_2024']).describe('Accepted TLS server profiles.'),
      requireBootProfile: z
        .boolean()
        .default(false)
        .describe('Also require the profile to be the current boot profile (no reboot pending), as the STIG checks.'),
    })
    .strict(),
  evaluate: (esxi, params) => {
    const version = esxi.product.version;
    if (!isUnknown(version) && compareVersions(version, '8.0.3') < 0) {
      return result.notApplicable('product.version', `TLS server profiles exist from ESXi 8.0 U3; host is ${version}`);
    }
    return withFact('esxi.cli.tlsProfile', esxi.esxi.cli.tlsProfile, (profile) => {
      const accepted = params.profiles.some((p) => p.toUpperCase() === profile.toUpperCase());
      const configured = verdict(
        accepted,
        'esxi.cli.tlsProfile',
        {
          pass: `TLS server profile is ${profile}`,
          fail: `TLS server profile is ${profile}; expected ${params.profiles.join(' or ')}`,
        },
        profile,
        params.profiles,
      );
      if (!accepted || !params.requireBootProfile) return configured;
      const path = 'esxi.cli.tlsRebootRequired';
      const pending = esxi.esxi.cli.tlsRebootRequired;
      if (isUnknown(pending)) return result.unknown(path, pending);
      return pending
        ? result.fail(
            path,
            `TLS server profile ${profile} is configured but not the current boot profile (reboot required)`,
            { profile, rebootRequired: true },
            { profile: params.profiles, rebootRequired: false },
          )
        : configured;
    });
  },
});
