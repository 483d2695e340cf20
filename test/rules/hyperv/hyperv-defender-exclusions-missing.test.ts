import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-defender-exclusions-missing.js';

const kbProcesses = [
  'C:\\Windows\\System32\\vmms.exe',
  '%SystemRoot%\\System32\\Vmwp.exe',
  'vmsp.exe',
  'vmcompute.exe',
];
const kbPaths = [
  'C:\\ProgramData\\Microsoft\\Windows\\Hyper-V',
  'D:\\Hyper-V\\Virtual Hard Disks',
  'C:\\ClusterStorage',
];
const autoOff = (exclusions: { paths: string[]; processes: string[]; extensions: string[] }, build?: number) =>
  hypervFacts({
    hyperv: { ...(build ? { os: { build } } : {}), defender: { disableAutoExclusions: true, exclusions } },
  });

// KB 3105657: exclude the directories that hold VM files (VHD, VHDX, AVHD, AVHDX, VHDS, ISO, VSV...), and the
// processes Vmms.exe, Vmwp.exe, Vmsp.exe (Windows Server 2016 and later), Vmcompute.exe (2019 and later); 'If you are
// using Windows Defender ... you may not need to configure additional exclusions' (its automatic exclusions).
testRule(
  rule,
  [
    {
      name: 'auto-exclusions on',
      facts: hypervFacts(),
      expect: [{ status: 'pass', path: 'hyperv.defender.disableAutoExclusions' }],
    },
    {
      name: 'auto off, the KB directory and process exclusions',
      facts: autoOff({ paths: kbPaths, processes: kbProcesses, extensions: [] }),
      expect: [{ status: 'pass', path: 'hyperv.defender.exclusions' }],
    },
    {
      name: 'auto off, extension exclusions instead of directories (broader than the KB) still cover the VM files',
      facts: autoOff({ paths: [], processes: kbProcesses, extensions: ['vhd', '.vhdx', '*.avhd', '.avhdx'] }),
      expect: [{ status: 'pass', path: 'hyperv.defender.exclusions' }],
    },
    {
      name: 'Windows Server 2012 R2: vmsp.exe and vmcompute.exe do not exist there',
      facts: autoOff({ paths: kbPaths, processes: ['vmms.exe', 'vmwp.exe'], extensions: [] }, 9600),
      expect: [{ status: 'pass' }],
    },
    {
      name: 'Windows Server 2016: vmsp.exe is needed, vmcompute.exe is not',
      facts: autoOff({ paths: kbPaths, processes: ['vmms.exe', 'vmwp.exe'], extensions: [] }, 14393),
      expect: [{ status: 'fail', expected: ['vmsp.exe'] }],
    },
    {
      name: 'auto off, processes missing',
      facts: autoOff({ paths: kbPaths, processes: ['vmms.exe'], extensions: [] }),
      expect: [{ status: 'fail', expected: ['vmwp.exe', 'vmsp.exe', 'vmcompute.exe'] }],
    },
    {
      name: 'auto-exclusions unreadable, processes missing: the failure says why the auto-exclusions were not counted',
      facts: hypervFacts({
        hyperv: {
          defender: {
            disableAutoExclusions: { unknown: true, reason: 'Get-MpPreference gave no DisableAutoExclusions' },
            exclusions: { paths: kbPaths, processes: ['vmms.exe'], extensions: [] },
          },
        },
      }),
      expect: [
        { status: 'fail', message: 'Auto-exclusions are unknown (Get-MpPreference gave no DisableAutoExclusions)' },
      ],
    },
    {
      name: 'auto off, no directory or VM-file exclusion',
      facts: autoOff({ paths: [], processes: kbProcesses, extensions: ['.log'] }),
      expect: [{ status: 'fail', expected: ['the directories holding VM files'] }],
    },
    {
      name: 'Defender absent',
      facts: hypervFacts({ hyperv: { defender: { installed: false } } }),
      expect: [{ status: 'not_applicable' }],
    },
    {
      name: 'preferences need admin',
      facts: hypervFacts({
        hyperv: {
          defender: {
            disableAutoExclusions: true,
            exclusions: { unknown: true, reason: 'Get-MpPreference needs admin' },
          },
        },
      }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
