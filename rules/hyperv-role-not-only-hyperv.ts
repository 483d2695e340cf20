import { z } from 'zod';
import { defineRule, isUnknown, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-role-not-only-hyperv',
  title: 'The Hyper-V host runs server roles besides Hyper-V',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    'Every extra role (file server, web server, DNS, AD DS...) adds services and accounts to the partition that controls all VMs.',
  risk: 'A vulnerability or misconfiguration in an unrelated role becomes a path to every VM on the host.',
  remediation: {
    text: 'Move other roles into VMs and remove them from the host.',
    powershell:
      "Get-WindowsFeature | Where-Object { $_.Installed -and $_.FeatureType -eq 'Role' }; Uninstall-WindowsFeature -Name '<role>'",
  },
  references: {
    bpa: ['Hyper-V should be the only enabled role'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: z
    .object({
      /** Roles that do not count (File and Storage Services is installed by default). */
      allowedRoles: z
        .array(z.string())
        .default(['Hyper-V', 'FileAndStorage-Services', 'Storage-Services'])
        .describe('Server roles that may be installed beside Hyper-V (Get-WindowsFeature names).'),
    })
    .strict(),
  evaluate(facts, params) {
    const features = facts.hyperv.features;
    if (isUnknown(features)) return result.unknown('hyperv.features', features);
    const allowed = new Set(params.allowedRoles.map((r) => r.toLowerCase()));
    const roles = features.filter((f) => !isUnknown(f.type) && /^role$/i.test(f.type));
    const extra = roles.filter((f) => !allowed.has(f.name.toLowerCase()));
    // A feature that is not allowed and whose type was not given may be a role.
    const untyped = features.flatMap((f) =>
      isUnknown(f.type) && !allowed.has(f.name.toLowerCase()) ? [{ name: f.name, why: f.type }] : [],
    );
    if (extra.length === 0 && untyped.length === 0)
      return result.pass(
        'hyperv.features',
        'Hyper-V is the only server role.',
        roles.map((r) => r.name),
        params.allowedRoles,
      );
    return [
      ...extra.map((f) =>
        result.fail(
          `hyperv.features[${f.name}]`,
          `Role ${f.displayName ?? f.name} is installed on the Hyper-V host.`,
          f.name,
          params.allowedRoles,
          f.name,
        ),
      ),
      ...untyped.map((f) =>
        result.unknown(`hyperv.features[${f.name}]`, `${f.why.reason}: it may be a server role`, f.name),
      ),
    ];
  },
});
