import { z } from 'zod';
import { bestLine, loadEsxiAdvisories } from '../src/rules/advisories.js';
import { defineRule, isUnknown, result, type RuleResult } from '../src/rules/define.js';
import { onEsxi } from '../src/rules/esxi-facts.js';

const { releases } = loadEsxiAdvisories();
const PATH = 'product.version';
const DAY_MS = 86_400_000;

export default defineRule({
  id: 'esxi-release-end-of-support',
  title: 'The ESXi release is past or near the end of general support',
  severity: 'high',
  platforms: ['esxi'],
  category: 'patching',
  rationale: 'After the end of general support Broadcom publishes no security patches for the release (6.x long ago, 7.0 in 2025); new hypervisor flaws stay open for good.',
  risk: 'Every future ESXi vulnerability remains exploitable on this host.',
  remediation: {
    text: 'Upgrade the host to a supported ESXi release (check hardware compatibility first).',
    esxcli: 'esxcli software profile update -d <depot.zip> -p <image profile>',
    powercli: 'Update-Entity -Entity (Get-VMHost $vmhost) -Baseline <upgrade baseline>',
  },
  references: { stig: ['ESXI-80-000221'] },
  params: z.object({ warnDays: z.number().int().min(0).default(180).describe('Days before the end of general support at which the release is flagged.') }).strict(),
  evaluate: (facts, params, ctx) =>
    onEsxi(facts, (esxi) => {
      const version = esxi.product.version;
      if (isUnknown(version)) return result.unknown(PATH, version);
      const release = bestLine(releases, version);
      if (!release) return result.unknown(PATH, `ESXi ${version} is not in the release table`);
      const now = ctx.now.getTime();
      const general = Date.parse(release.generalSupportEnds);
      const guidance = Date.parse(release.technicalGuidanceEnds);
      const observed = { version, line: release.line };
      const expected = { generalSupportEnds: release.generalSupportEnds, technicalGuidanceEnds: release.technicalGuidanceEnds };
      const note = release.unverified ? ` [unverified: ${release.unverified}]` : '';
      let out: RuleResult;
      if (now >= guidance) {
        out = { ...result.fail(PATH, `ESXi ${release.line} is past the end of technical guidance (${release.technicalGuidanceEnds}): no patches, no support${note}`, observed, expected), severity: 'critical' };
      } else if (now >= general) {
        out = result.fail(PATH, `ESXi ${release.line} is past the end of general support (${release.generalSupportEnds}): no new security patches${note}`, observed, expected);
      } else if (now >= general - params.warnDays * DAY_MS) {
        const days = Math.ceil((general - now) / DAY_MS);
        out = { ...result.fail(PATH, `ESXi ${release.line} general support ends on ${release.generalSupportEnds} (in ${days} days)${note}`, observed, expected), severity: 'low' };
      } else {
        out = result.pass(PATH, `ESXi ${release.line} is in general support until ${release.generalSupportEnds}${note}`, observed, expected);
      }
      return release.unverified ? { ...out, evidence: { ...out.evidence, unverified: true } } : out;
    }),
});
