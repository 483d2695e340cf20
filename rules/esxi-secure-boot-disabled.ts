import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';
import { verdict } from '../src/rules/kit/esxi-facts.js';
import { compareVersions } from '../src/core/text/version.js';

const PATH = 'firmware.secureBoot';

export default defineRule({
  id: 'esxi-secure-boot-disabled',
  title: 'The ESXi host does not boot with UEFI Secure Boot',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'boot-integrity',
  rationale:
    'Secure Boot verifies the bootloader, VMkernel and every VIB signature at boot, so a tampered hypervisor does not start.',
  risk: 'A persistent implant in the boot bank or an unsigned VIB loads into Ring -1 unnoticed.',
  remediation: {
    text: 'Enable UEFI Secure Boot in the server firmware (run /usr/lib/vmware/secureboot/bin/secureBoot.py -c first to check that all VIBs are signed).',
  },
  references: { scg: ['secureboot'], stig: ['ESXI-80-000094'] },
  params: noParams,
  evaluate: (esxi) => {
    const { secureBoot, type } = esxi.firmware;
    if (!isUnknown(secureBoot)) {
      return verdict(
        secureBoot,
        PATH,
        { pass: 'UEFI Secure Boot is on', fail: 'UEFI Secure Boot is off' },
        secureBoot,
        true,
      );
    }
    if (type === 'bios')
      return result.fail(
        'firmware.type',
        'host boots in legacy BIOS mode, which cannot use Secure Boot',
        'bios',
        'uefi',
      );
    const version = esxi.product.version;
    // capability.uefiSecureBoot exists only from API 8.0.3; older hosts need esxcli or the console to tell.
    const old = !isUnknown(version) && compareVersions(version, '8.0.3') < 0;
    return result.unknown(
      PATH,
      old ? `${secureBoot.reason} (the API reports Secure Boot only from ESXi 8.0.3; host is ${version})` : secureBoot,
    );
  },
});
