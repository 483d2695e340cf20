import { isUnknown } from '../src/core/model/index.js';
import { defineRule, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-driver-unsigned',
  title: 'An unsigned driver is installed in the Hyper-V management OS',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'software-supply-chain',
  rationale:
    'Kernel drivers in the root partition run with the same privilege as the Hyper-V virtualization stack (VMBus, vmswitch, storage VSPs).',
  risk: 'An unsigned driver can be tampered with or be malware itself, with full control over every VM.',
  remediation: {
    text: 'Replace the driver with a signed vendor release, or remove the device software.',
    powershell: 'Get-CimInstance Win32_PnPSignedDriver | Where-Object { -not $_.IsSigned }',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows-hardware/drivers/install/kernel-mode-code-signing-policy--windows-vista-and-later-',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const drivers = facts.drivers;
    if (isUnknown(drivers)) return result.unknown('drivers', drivers);
    const unsigned = drivers.filter((d) => d.signed === false || /^unsigned$/i.test(d.signer ?? ''));
    if (unsigned.length === 0)
      return result.pass('drivers', 'No unsigned driver was found.', drivers.length, 'signed drivers only');
    return unsigned.map((d) =>
      result.fail(
        `drivers[${d.name}]`,
        `Driver ${d.name} ${d.version ?? ''} (${d.vendor ?? 'unknown provider'}) is unsigned.`.replace(/\s+/g, ' '),
        'unsigned',
        'signed',
        d.name,
      ),
    );
  },
});
