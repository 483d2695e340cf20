import {
  bestLine,
  daysLeftInWarning,
  loadEsxiAdvisories,
  markUnverified,
  perVersion,
  warnDaysParams,
} from '../src/rules/kit/advisories.js';
import { defineRule, isUnknown, result, type RuleResult } from '../src/rules/kit/define.js';

const { releases } = loadEsxiAdvisories();
const releaseOf = perVersion((version) => bestLine(releases, version));
const PATH = 'product.version';

export default defineRule({
  id: 'esxi-release-end-of-support',
  title: 'The ESXi release is past or near the end of general support',
  severity: 'high',
  platforms: ['esxi'],
  category: 'patching',
  rationale:
    'After the end of general support Broadcom publishes no security patches for the release (6.x long ago, 7.0 in 2025); new hypervisor flaws stay open for good.',
  risk: 'Every future ESXi vulnerability remains exploitable on this host.',
  remediation: {
    text: 'Upgrade the host to a supported ESXi release (check hardware compatibility first).',
    esxcli: 'esxcli software profile update -d <depot.zip> -p <image profile>',
    powercli: 'Update-Entity -Entity (Get-VMHost $vmhost) -Baseline <upgrade baseline>',
  },
  references: { stig: ['ESXI-80-000221'] },
  params: warnDaysParams('general support'),
  evaluate: (esxi, params, ctx) => {
    const version = esxi.product.version;
    if (isUnknown(version)) return result.unknown(PATH, version);
    const release = releaseOf(version);
    if (!release) return result.unknown(PATH, `ESXi ${version} is not in the release table`);
    const now = ctx.now.getTime();
    const general = Date.parse(release.generalSupportEnds);
    const guidance = Date.parse(release.technicalGuidanceEnds);
    const observed = { version, line: release.line };
    const expected = {
      generalSupportEnds: release.generalSupportEnds,
      technicalGuidanceEnds: release.technicalGuidanceEnds,
    };
    const daysLeft = daysLeftInWarning(now, general, params.warnDays);
    let out: RuleResult;
    if (now >= guidance) {
      out = {
        ...result.fail(
          PATH,
          `ESXi ${release.line} is past the end of technical guidance (${release.technicalGuidanceEnds}): no patches, no support`,
          observed,
          expected,
        ),
        severity: 'critical',
      };
    } else if (now >= general) {
      out = result.fail(
        PATH,
        `ESXi ${release.line} is past the end of general support (${release.generalSupportEnds}): no new security patches`,
        observed,
        expected,
      );
    } else if (daysLeft !== undefined) {
      out = {
        ...result.fail(
          PATH,
          `ESXi ${release.line} general support ends on ${release.generalSupportEnds} (in ${daysLeft} days)`,
          observed,
          expected,
        ),
        severity: 'low',
      };
    } else {
      out = result.pass(
        PATH,
        `ESXi ${release.line} is in general support until ${release.generalSupportEnds}`,
        observed,
        expected,
      );
    }
    return markUnverified(out, release.unverified);
  },
});
