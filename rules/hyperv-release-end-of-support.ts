import { z } from 'zod';
import { loadWindowsAdvisories } from '../src/rules/advisories.js';
import { defineRule, isUnknown, result, type RuleResult } from '../src/rules/define.js';

const { families } = loadWindowsAdvisories();
const PATH = 'hyperv.os.build';
const DAY_MS = 86_400_000;

export default defineRule({
  id: 'hyperv-release-end-of-support',
  title: 'The Windows Server release of the Hyper-V host is past or near its end of support',
  severity: 'critical',
  platforms: ['hyperv'],
  category: 'patching',
  rationale: 'After the extended-support end date Microsoft ships security updates only to paying ESU customers, then not at all (Windows Server 2012 R2 since 2023-10-10).',
  risk: 'New Hyper-V and Windows flaws in the management OS stay open on a host that controls every VM.',
  remediation: {
    text: 'Upgrade the host to a supported Windows Server release (or, for a bridge, enrol it in Extended Security Updates).',
  },
  references: { urls: ['https://learn.microsoft.com/windows/release-health/windows-server-release-info'] },
  params: z.object({ warnDays: z.number().int().min(0).default(180).describe('Days before the end of extended support at which the release is flagged.') }).strict(),
  evaluate: (facts, params, ctx) => {
    if (facts.platform !== 'hyperv') return result.notApplicable('platform', `Hyper-V rule; host platform is ${facts.platform}`);
    const build = facts.hyperv.os.build;
    if (isUnknown(build)) return result.unknown(PATH, build);
    const family = families.find((f) => f.build === build);
    if (!family) return result.unknown(PATH, `Windows build ${build} is not a Windows Server family in the release table`);
    const now = ctx.now.getTime();
    const extended = Date.parse(family.extendedEnds);
    const observed = { build, product: family.product };
    const expected = { mainstreamEnds: family.mainstreamEnds, extendedEnds: family.extendedEnds, ...(family.esuEnds ? { esuEnds: family.esuEnds } : {}) };
    const note = [family.note, family.unverified && `unverified: ${family.unverified}`].filter(Boolean).map((n) => ` [${n}]`).join('');
    let out: RuleResult;
    if (now >= extended) {
      const esu = family.esuEnds
        ? now >= Date.parse(family.esuEnds)
          ? `; Extended Security Updates ended ${family.esuEnds}`
          : `; security updates only with paid Extended Security Updates until ${family.esuEnds}`
        : '';
      out = result.fail(PATH, `${family.product} is out of support since ${family.extendedEnds}${esu}${note}`, observed, expected);
    } else if (now >= extended - params.warnDays * DAY_MS) {
      const days = Math.ceil((extended - now) / DAY_MS);
      out = { ...result.fail(PATH, `${family.product} support ends on ${family.extendedEnds} (in ${days} days)${note}`, observed, expected), severity: 'low' };
    } else {
      const mainstream = now >= Date.parse(family.mainstreamEnds) ? ` (mainstream support ended ${family.mainstreamEnds}; security updates continue)` : '';
      out = result.pass(PATH, `${family.product} is supported until ${family.extendedEnds}${mainstream}${note}`, observed, expected);
    }
    return family.unverified ? { ...out, evidence: { ...out.evidence, unverified: true } } : out;
  },
});
