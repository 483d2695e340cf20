import { z } from 'zod';
import type { Severity } from '../src/core/model/index.js';
import {
  esxiLineView,
  judgeEsxiLine,
  loadEsxiAdvisories,
  markUnverified,
  perVersion,
  type EsxiAdvisory,
  type EsxiLineView,
} from '../src/rules/kit/advisories.js';
import { defineRule, isUnknown, result, type RuleResult } from '../src/rules/kit/define.js';

// Loaded once at import: evaluate() stays pure (no file access per host).
const data = loadEsxiAdvisories();
const PATH = 'product.build';

// Each advisory's view of the host's release line.
const viewsFor = perVersion((version) => data.advisories.map((adv) => esxiLineView(adv, version)));

function severityOf(adv: EsxiAdvisory): Severity {
  if (adv.knownExploited) return 'critical';
  return adv.cvss === null || adv.cvss >= 7 ? 'high' : 'medium';
}

function describe(adv: EsxiAdvisory): string {
  const exploited = adv.knownExploited ? ', exploited in the wild' : '';
  return `${adv.id} (${adv.cves.join(', ')}${exploited}): ${adv.summary}`;
}

function judge(adv: EsxiAdvisory, view: EsxiLineView, version: string, build: number): RuleResult {
  const verdict = judgeEsxiLine(view, build);
  const observed = { version, build };
  const subject = adv.id;
  if (verdict.kind === 'not-affected')
    return result.notApplicable(PATH, `${adv.id} does not affect ESXi ${version}`, subject);
  const entry = verdict.kind === 'no-fix-on-line' ? undefined : verdict.entry;
  const doubt = [adv.unverified, entry?.unverified].filter(Boolean).join('; ');
  const expected = entry
    ? { line: entry.line, fixedBuild: entry.build ?? entry.laterFixedBuild ?? null, release: entry.release }
    : 'a fixed update line';
  const withDoubt = (r: RuleResult): RuleResult => markUnverified(r, doubt);
  const mitigation = adv.mitigation ? `; mitigation: ${adv.mitigation}` : '';
  switch (verdict.kind) {
    case 'fixed':
      return withDoubt(
        result.pass(
          PATH,
          `${adv.id}: build ${build} includes the fix (${verdict.entry.release})`,
          observed,
          expected,
          subject,
        ),
      );
    case 'undetermined':
      return withDoubt(
        result.unknown(
          PATH,
          `first fixed build of ${adv.id} on line ${verdict.entry.line} is not known (${verdict.entry.release}); check that it is installed`,
          subject,
        ),
      );
    case 'vulnerable':
      return withDoubt({
        ...result.fail(
          PATH,
          `${describe(adv)}. Build ${build} is older than ${verdict.entry.build} (${verdict.entry.release}) on line ${verdict.entry.line}${mitigation}`,
          observed,
          expected,
          subject,
        ),
        severity: severityOf(adv),
      });
    case 'no-fix-on-line':
      return withDoubt({
        ...result.fail(
          PATH,
          `${describe(adv)}. No fixed build is listed for ESXi ${version}: move to a fixed update line${mitigation}`,
          observed,
          expected,
          subject,
        ),
        severity: severityOf(adv),
      });
  }
}

export default defineRule({
  id: 'esxi-build-known-vulnerable',
  title: 'The ESXi build is affected by a published VMware security advisory',
  severity: 'high',
  platforms: ['esxi'],
  category: 'patching',
  rationale:
    'VMSAs name the first fixed build per release line; any older build on that line is vulnerable. Builds of different update lines interleave (8.0 U2e is newer than 8.0 U3f), so only builds of the same line are compared.',
  risk: 'Known hypervisor flaws: VM escapes to the host (VMSA-2024-0006, 2025-0004, 2025-0013) and network RCE (ESXiArgs via SLP), several exploited by ransomware.',
  remediation: {
    text: "Patch to the fixed build of the host's update line (or a later update) named in the finding; apply the advisory's workaround until then.",
    esxcli: 'esxcli software profile update -d <depot.zip> -p <image profile>',
    powercli:
      'Get-VMHost | Get-Baseline -Inherit | Test-Compliance; Update-Entity -Entity (Get-VMHost $vmhost) -Baseline <baseline>',
  },
  references: { stig: ['ESXI-80-000221'], cve: [...new Set(data.advisories.flatMap((a) => a.cves))] },
  params: z.object({}).strict(),
  evaluate: (esxi) => {
    const { version, build } = esxi.product;
    if (isUnknown(version)) return result.unknown('product.version', version);
    if (isUnknown(build)) return result.unknown(PATH, build);
    const hostBuild = Number.parseInt(build, 10);
    if (!Number.isInteger(hostBuild)) return result.unknown(PATH, `build "${build}" is not a number`);
    const views = viewsFor(version);
    return data.advisories.map((adv, i) => judge(adv, views[i]!, version, hostBuild));
  },
});
