import {
  FOOTPRINT_DEFINITIONS,
  FOOTPRINT_MEASURES,
  imageCount,
  isUnknown,
  unsizedImages,
} from '../src/core/model/index.js';
import { defineRule, noParams, result, type RuleResult } from '../src/rules/kit/define.js';

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

export default defineRule({
  id: 'host-footprint-measured',
  title: 'Footprint: hypervisor code, trusted computing base and exposed management surface, measured alike',
  severity: 'info',
  platforms: ['esxi', 'hyperv'],
  category: 'inventory',
  rationale: `The "thin hypervisor" debate compares different things: ESXi counts its whole image, Hyper-V a small hypervisor binary beside a full Windows root partition. Three measures defined once for both platforms (docs/footprint.md), each the on-disk bytes of distinct code images listed in the facts the finding points at, let the comparison be read off real hosts like for like; where a platform can only approximate a measure, the finding says so and the facts say how. The definitions: ${Object.values(FOOTPRINT_DEFINITIONS).join(' ')}`,
  risk: 'None by itself; the trusted computing base and the exposed surface an attacker can target grow with the code they count.',
  remediation: {
    text: 'Informational. Shrink the trusted computing base and the exposed surface with Server Core, fewer roles, drivers, VIBs and agents, and fewer listening services.',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/administration/performance-tuning/role/hyper-v-server/architecture',
      'https://learn.microsoft.com/en-us/virtualization/hyper-v-on-windows/reference/hyper-v-architecture',
    ],
  },
  params: noParams,
  // The definition, the approximation and the images counted stay in the facts at the evidence path (written once
  // there): repeated here they made these three results 6 KB of a host's report.
  evaluate(facts) {
    return FOOTPRINT_MEASURES.map(({ key, subject, label }): RuleResult => {
      const measure = facts.footprint[key];
      const path = `footprint.${key}`;
      if (isUnknown(measure)) return result.unknown(path, measure, subject);
      const images = imageCount(measure.counted.length);
      const approximation = measure.approximation ? ` An approximation: ${path}.approximation says how.` : '';
      if (isUnknown(measure.bytes)) {
        const unknownBytes = result.unknown(
          path,
          `${label}: ${images} listed (${path}.counted), but ${measure.bytes.reason}.${approximation}`,
          subject,
        );
        return {
          ...unknownBytes,
          evidence: { ...unknownBytes.evidence, observed: { images: measure.counted.length } },
        };
      }
      const observed = {
        bytes: measure.bytes,
        images: measure.counted.length,
        ...(measure.leftOut ? { leftOut: measure.leftOut.length } : {}),
      };
      const unsized = unsizedImages(measure);
      const lowerBound = unsized > 0 ? ` ${unsized} of them have no readable size, so the total is a lower bound.` : '';
      const message = `${label}: ${megabytes(measure.bytes)} over ${images} (${path}.counted).${lowerBound}${approximation}`;
      return { ...result.pass(path, message, observed, undefined, subject), severity: 'info' };
    });
  },
});
