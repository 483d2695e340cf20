import { z } from 'zod';
import type { Severity } from '../src/core/model/index.js';
import {
  judgeWindowsBuild,
  loadWindowsAdvisories,
  markUnverified,
  type WindowsAdvisory,
} from '../src/rules/kit/advisories.js';
import { defineRule, isUnknown, result, type RuleResult } from '../src/rules/kit/define.js';

// Loaded once at import: evaluate() stays pure (no file access per host).
const data = loadWindowsAdvisories();
const PATH = 'hyperv.os.ubr';

function severityOf(adv: WindowsAdvisory): Severity {
  if (adv.knownExploited) return 'critical';
  return adv.cvss === null || adv.cvss >= 7 ? 'high' : 'medium';
}

function judge(adv: WindowsAdvisory, build: number, ubr: number, hypervInstalled: boolean | undefined): RuleResult {
  const verdict = judgeWindowsBuild(adv, build, ubr);
  const subject = adv.cve;
  const observed = `10.0.${build}.${ubr}`.replace(/^10\.0\.9600/, '6.3.9600');
  if (verdict.kind === 'not-affected')
    return result.notApplicable(PATH, `${adv.cve} does not list build ${build} as affected`, subject);
  const { entry } = verdict;
  const fixedAt = `${build}.${entry.ubr}${entry.kb ? ` (${entry.kb})` : ''}`;
  const doubt = [adv.unverified, entry.unverified].filter(Boolean).join('; ');
  const base =
    verdict.kind === 'fixed'
      ? result.pass(PATH, `${adv.cve}: ${observed} includes the fix (${fixedAt})`, observed, fixedAt, subject)
      : {
          ...result.fail(
            PATH,
            `${adv.cve} (${adv.summary}${adv.knownExploited ? ', exploited in the wild' : ''}): ${observed} is older than ${fixedAt}` +
              (hypervInstalled === false ? '; the Hyper-V role is not installed, so the flaw is not reachable' : ''),
            observed,
            fixedAt,
            subject,
          ),
          // Hyper-V component CVEs only matter where the role runs (hyperv-collection.md §5.5).
          severity: hypervInstalled === false ? ('info' as const) : severityOf(adv),
        };
  return markUnverified(base, doubt);
}

export default defineRule({
  id: 'hyperv-build-known-vulnerable',
  title: 'The Windows build of the Hyper-V host misses a Hyper-V security fix',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'patching',
  rationale:
    'Microsoft CVE records give the first fixed build.UBR per Windows Server build family; an older UBR in the same family is vulnerable. Families are never compared with each other.',
  risk: 'Known Hyper-V flaws: guest-to-host code execution (CVE-2021-28476, CVE-2024-21407) and elevation of privilege exploited in the wild (CVE-2024-38080, CVE-2025-21333/4/5).',
  remediation: {
    text: 'Install the cumulative update named in the finding (or any later one) and reboot.',
    powershell:
      'Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 5; Install-WindowsUpdate -KBArticleID <KB> (PSWindowsUpdate) or deploy through WSUS/ConfigMgr',
  },
  references: { cve: data.advisories.map((a) => a.cve) },
  params: z.object({}).strict(),
  evaluate: (facts) => {
    const { build, ubr } = facts.hyperv.os;
    if (isUnknown(build)) return result.unknown('hyperv.os.build', build);
    if (isUnknown(ubr)) return result.unknown(PATH, ubr);
    if (!data.families.some((f) => f.build === build)) {
      return result.unknown(
        'hyperv.os.build',
        `Windows build ${build} is not a Windows Server family in the advisory data`,
      );
    }
    const installed = facts.hyperv.role.hypervInstalled;
    return data.advisories.map((adv) => judge(adv, build, ubr, isUnknown(installed) ? undefined : installed));
  },
});
