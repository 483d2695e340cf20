import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-host-secure-boot-off.js';

testRule(rule, [
  { name: 'on', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'off',
    facts: hypervFacts({ firmware: { secureBoot: false } }),
    expect: [{ status: 'fail', path: 'firmware.secureBoot' }],
  },
  {
    name: 'BIOS',
    facts: hypervFacts({
      firmware: { type: 'bios', secureBoot: { unknown: true, reason: 'Cmdlet not supported on this platform' } },
    }),
    expect: [{ status: 'fail', path: 'firmware.type' }],
  },
  // WN22-00-000470 (CAT II) and WN19-00-000470 (CAT III): 'must have Secure Boot enabled'.
  {
    name: 'off on Windows Server 2022: CAT II',
    facts: hypervFacts({ hyperv: { os: { build: 20348 } }, firmware: { secureBoot: false } }),
    expect: [{ status: 'fail', severity: 'medium' }],
  },
  {
    name: 'off on Windows Server 2019: CAT III',
    facts: hypervFacts({ hyperv: { os: { build: 17763 } }, firmware: { secureBoot: false } }),
    expect: [{ status: 'fail', severity: 'low' }],
  },
  {
    name: 'BIOS on Windows Server 2019: CAT III',
    facts: hypervFacts({
      hyperv: { os: { build: 17763 } },
      firmware: { type: 'bios', secureBoot: { unknown: true, reason: 'Cmdlet not supported on this platform' } },
    }),
    expect: [{ status: 'fail', severity: 'low' }],
  },
  {
    name: 'not admin',
    facts: hypervFacts({ firmware: { secureBoot: { unknown: true, reason: 'Confirm-SecureBootUEFI needs admin' } } }),
    expect: [{ status: 'unknown', message: 'needs admin' }],
  },
]);
