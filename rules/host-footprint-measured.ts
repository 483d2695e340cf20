import { isUnknown } from '../src/model/index.js';
import { defineRule, noParams, result, type RuleResult } from '../src/rules/define.js';

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

export default defineRule({
  id: 'host-footprint-measured',
  title: 'Hypervisor footprint: Ring -1 only, and with the management partition and tools',
  severity: 'info',
  platforms: ['esxi', 'hyperv'],
  category: 'inventory',
  rationale:
    'The "thin hypervisor" debate compares different things: ESXi counts its whole image, Hyper-V a small hypervisor binary plus a full Windows root partition. Reporting both measures with their definitions lets the comparison be read off real hosts.',
  risk: 'None by itself; the trusted computing base that an attacker can target grows with the footprint.',
  remediation: { text: 'Informational. Reduce the with-management footprint with Server Core, fewer roles and fewer VIBs/agents.' },
  references: { urls: ['https://learn.microsoft.com/en-us/windows-server/administration/performance-tuning/role/hyper-v-server/architecture'] },
  params: noParams,
  evaluate(facts) {
    const measures = [
      ['hypervisor', 'ring-1', 'Ring -1 (hypervisor only)'],
      ['withManagement', 'with-management', 'With management partition and tools'],
    ] as const;
    return measures.map(([key, subject, label]): RuleResult => {
      const measure = facts.footprint[key];
      const path = `footprint.${key}`;
      if (isUnknown(measure)) return result.unknown(path, measure, subject);
      const observed = { bytes: measure.bytes, counted: measure.counted.map((c) => c.item), definition: measure.definition };
      return { ...result.pass(path, `${label}: ${megabytes(measure.bytes)}. Definition: ${measure.definition}`, observed, undefined, subject), severity: 'info' };
    });
  },
});
