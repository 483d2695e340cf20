import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-credential-guard-not-running.js';

const off = (domain?: unknown) =>
  hypervFacts({
    hyperv: { deviceGuard: { servicesRunning: [2] } },
    ...(domain === undefined ? {} : { exposure: { domain } }),
  } as never);

// WN22-MS-000140 (CAT I): 'For domain controllers and standalone or nondomain-joined systems, this is NA. If
// "SecurityServicesRunning" does not include a value of "1" (e.g., "{1, 2}"), this is a finding.'
// Win32_ComputerSystem.DomainRole (Microsoft Learn): 0 standalone workstation, 1 member workstation, 2 standalone
// server, 3 member server, 4 backup DC, 5 primary DC.
testRule(
  rule,
  [
    { name: 'running', facts: hypervFacts(), expect: [{ status: 'pass' }] },
    {
      name: 'member server, not running: a CAT I finding',
      facts: off(),
      profile: 'stig',
      expect: [{ status: 'fail', observed: [2], severity: 'high' }],
    },
    { name: 'member server, not running (scg)', facts: off(), expect: [{ status: 'fail' }] },
    {
      name: 'member server, {1, 2} passes',
      facts: hypervFacts({ hyperv: { deviceGuard: { servicesRunning: [1, 2] } } }),
      profile: 'stig',
      expect: [{ status: 'pass' }],
    },
    {
      name: 'standalone server: not applicable',
      facts: off({ partOfDomain: false, role: 2 }),
      profile: 'stig',
      expect: [{ status: 'not_applicable', path: 'exposure.domain' }],
    },
    {
      name: 'backup domain controller: not applicable',
      facts: off({ partOfDomain: true, domain: 'lab.local', role: 4 }),
      profile: 'stig',
      expect: [
        { status: 'not_applicable', path: 'exposure.domain', message: 'a backup domain controller (DomainRole 4)' },
      ],
    },
    {
      // Before, every joined role but 3 was called 'a domain controller'.
      name: 'member workstation: not applicable, named as such',
      facts: off({ partOfDomain: true, domain: 'lab.local', role: 1 }),
      profile: 'stig',
      expect: [{ status: 'not_applicable', path: 'exposure.domain', message: 'a member workstation (DomainRole 1)' }],
    },
    {
      name: 'primary domain controller: not applicable',
      facts: off({ partOfDomain: true, domain: 'lab.local', role: 5 }),
      profile: 'stig',
      expect: [{ status: 'not_applicable' }],
    },
    {
      name: 'domain membership unknown and not running: cannot say',
      facts: off({ unknown: true, reason: 'Win32_ComputerSystem denied' }),
      profile: 'stig',
      expect: [{ status: 'unknown', path: 'exposure.domain' }],
    },
    {
      // Before, an unread role was left out and the message did not say why.
      name: 'joined, role unreadable, not running: unknown quoting why',
      facts: off({ partOfDomain: true, role: { unknown: true, reason: 'Win32_ComputerSystem gave no DomainRole' } }),
      profile: 'stig',
      expect: [
        {
          status: 'unknown',
          path: 'exposure.domain.role',
          message: 'Win32_ComputerSystem gave no DomainRole: the host may be a domain controller',
        },
      ],
    },
    {
      name: 'joined, role unreadable, Credential Guard running: pass (running passes whatever the role)',
      facts: hypervFacts({
        exposure: { domain: { role: { unknown: true, reason: 'Win32_ComputerSystem gave no DomainRole' } } },
      }),
      expect: [{ status: 'pass' }],
    },
    { name: 'lab profile does not require it', facts: off(), profile: 'lab', expect: [{ status: 'not_applicable' }] },
    {
      name: 'Windows Server 2012 R2 has no VBS',
      facts: hypervFacts({
        hyperv: { os: { build: 9600 }, deviceGuard: { unknown: true, reason: 'Invalid namespace' } },
      }),
      expect: [{ status: 'not_applicable', path: 'hyperv.os.build' }],
    },
    {
      name: 'unknown',
      facts: hypervFacts({ hyperv: { deviceGuard: { unknown: true, reason: 'denied' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
