import {
  daysLeftInWarning,
  loadWindowsAdvisories,
  markUnverified,
  warnDaysParams,
} from '../src/rules/kit/advisories.js';
import { defineRule, isUnknown, result, type RuleResult } from '../src/rules/kit/define.js';

const { families } = loadWindowsAdvisories();
const PATH = 'hyperv.os.build';

export default defineRule({
  id: 'hyperv-release-end-of-support',
  title: 'The Windows Server release of the Hyper-V host is past or near its end of support',
  severity: 'critical',
  platforms: ['hyperv'],
  category: 'patching',
  rationale:
    'After the extended-support end date Microsoft ships security updates only to paying ESU customers, then not at all (Windows Server 2012 R2 since 2023-10-10).',
  risk: 'New Hyper-V and Windows flaws in the management OS stay open on a host that controls every VM.',
  remediation: {
    text: 'Upgrade the host to a supported Windows Server release (or, for a bridge, enrol it in Extended Security Updates).',
  },
  references: { urls: ['https://learn.microsoft.com/windows/release-health/windows-server-release-info'] },
  params: warnDaysParams('extended support'),
  evaluate: (facts, params, ctx) => {
    const build = facts.hyperv.os.build;
    if (isUnknown(build)) return result.unknown(PATH, build);
    const family = families.find((f) => f.build === build);
    if (!family)
      return result.unknown(PATH, `Windows build ${build} is not a Windows Server family in the release table`);
    const now = ctx.now.getTime();
    const extended = Date.parse(family.extendedEnds);
    const observed = { build, product: family.product };
    const expected = {
      mainstreamEnds: family.mainstreamEnds,
      extendedEnds: family.extendedEnds,
      ...(family.esuEnds ? { esuEnds: family.esuEnds } : {}),
    };
    const note = family.note ? ` [${family.note}]` : '';
    const daysLeft = daysLeftInWarning(now, extended, params.warnDays);
    let out: RuleResult;
    if (now >= extended) {
      const esu = family.esuEnds
        ? now >= Date.parse(family.esuEnds)
          ? `; Extended Security Updates ended ${family.esuEnds}`
          : `; security updates only with paid Extended Security Updates until ${family.esuEnds}`
        : '';
      out = result.fail(
        PATH,
        `${family.product} is out of support since ${family.extendedEnds}${esu}${note}`,
        observed,
        expected,
      );
    } else if (daysLeft !== undefined) {
      out = {
        ...result.fail(
          PATH,
          `${family.product} support ends on ${family.extendedEnds} (in ${daysLeft} days)${note}`,
          observed,
          expected,
        ),
        severity: 'low',
      };
    } else {
      const mainstream =
        now >= Date.parse(family.mainstreamEnds)
          ? ` (mainstream support ended ${family.mainstreamEnds}; security updates continue)`
          : '';
      out = result.pass(
        PATH,
        `${family.product} is supported until ${family.extendedEnds}${mainstream}${note}`,
        observed,
        expected,
      );
    }
    return markUnverified(out, family.unverified);
  },
});
