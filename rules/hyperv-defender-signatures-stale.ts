import { z } from 'zod';
import { isUnknown } from '../src/core/model/index.js';
import { defineRule, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-defender-signatures-stale',
  title: 'Microsoft Defender signatures on the Hyper-V host are out of date',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'threat-detection',
  rationale:
    'Hosts are often isolated from the internet and miss signature updates silently; stale signatures miss current malware.',
  risk: 'Known malware in the management OS goes undetected.',
  remediation: {
    text: 'Provide an update source (WSUS, a file share or Microsoft Update) and check that updates succeed.',
    powershell: 'Update-MpSignature',
  },
  references: {
    urls: ['https://learn.microsoft.com/en-us/defender-endpoint/manage-updates-baselines-microsoft-defender-antivirus'],
  },
  params: z
    .object({ maxAgeDays: z.number().int().min(0).default(7).describe('Oldest acceptable signature age, in days.') })
    .strict(),
  evaluate(facts, params) {
    const defender = facts.hyperv.defender;
    const path = 'hyperv.defender.signatureAgeDays';
    if (isUnknown(defender)) return result.unknown('hyperv.defender', defender);
    if (!defender.installed)
      return result.notApplicable('hyperv.defender.installed', 'Microsoft Defender is not installed.');
    const age = defender.signatureAgeDays;
    if (age === undefined) return result.unknown(path, 'the signature age was not reported');
    if (isUnknown(age)) return result.unknown(path, age);
    return age <= params.maxAgeDays
      ? result.pass(path, `Signatures are ${age} day(s) old.`, age, `<= ${params.maxAgeDays}`)
      : result.fail(
          path,
          `Signatures are ${age} days old (limit ${params.maxAgeDays}).`,
          age,
          `<= ${params.maxAgeDays}`,
        );
  },
});
