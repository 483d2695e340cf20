import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';
import { MICROSOFT } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-minifilter-third-party',
  title: 'A third-party file-system minifilter runs on the Hyper-V host',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'trust-boundaries',
  rationale:
    "A file-system minifilter (a service with an Instances\\<name>\\Altitude registry key) sits in the Filter Manager stack of the host's volumes and sees, delays or alters every I/O, including each VM's virtual disk files.",
  risk: "A flawed or hostile filter corrupts or reads every VM's disk, and antivirus filters without Hyper-V exclusions stall or break VM storage.",
  remediation: {
    text: 'Keep only the filters the host needs; for antivirus, apply the Hyper-V exclusions (VM configuration, VHDX and process paths).',
    powershell: 'fltmc filters; fltmc instances',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-hardware/drivers/ifs/load-order-groups-and-altitudes-for-minifilter-drivers',
      'https://learn.microsoft.com/en-us/troubleshoot/windows-server/virtualization/antivirus-exclusions-for-hyper-v-hosts',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const path = 'hyperv.minifilters';
    const filters = facts.hyperv.minifilters;
    if (isUnknown(filters)) return result.unknown(path, filters);
    const results = filters
      .filter((f) => isUnknown(f.company) || !MICROSOFT.test(f.company))
      .map((f) => {
        const at = `${path}[${f.name}].company`;
        if (isUnknown(f.company)) return result.unknown(at, f.company, f.name);
        return result.fail(
          at,
          `Minifilter ${f.name} (${f.company}, altitude ${f.altitudes.join(', ') || 'none'}) filters the I/O of every VM disk on the host's volumes.`,
          { company: f.company, altitudes: f.altitudes },
          'Microsoft',
          f.name,
        );
      });
    return results.length > 0
      ? results
      : result.pass(path, "Every file-system minifilter is Microsoft's.", filters.length, 0);
  },
});
