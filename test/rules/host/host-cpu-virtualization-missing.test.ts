import { testRule } from '../tester.js';
import { esxiFacts, hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/host-cpu-virtualization-missing.js';

const unknownFact = (reason: string) => ({ unknown: true as const, reason });
const bare = { hypervisorPresent: false, flagsMasked: false };

testRule(rule, [
  { name: 'ESXi host with VT-x and EPT', facts: esxiFacts(), expect: [{ status: 'pass', path: 'cpu.virtualization' }] },
  {
    name: 'Hyper-V host: flags masked by the running hypervisor are not absent',
    facts: hypervFacts({
      cpu: {
        virtualization: {
          presentInCpu: false,
          enabledInFirmware: false,
          slat: false,
          hypervisorPresent: true,
          flagsMasked: true,
        },
      },
    }),
    expect: [{ status: 'pass', path: 'cpu.virtualization.hypervisorPresent' }],
  },
  {
    name: 'absent',
    facts: esxiFacts({ cpu: { virtualization: { presentInCpu: false, extension: 'none' } } }),
    expect: [{ status: 'fail', subject: 'extensions' }],
  },
  {
    name: 'present but disabled in firmware',
    facts: hypervFacts({
      cpu: { virtualization: { ...bare, enabledInFirmware: false } },
      hyperv: { role: { hypervInstalled: false } },
    }),
    expect: [{ status: 'fail', subject: 'firmware', path: 'cpu.virtualization.enabledInFirmware' }],
  },
  {
    name: 'no SLAT',
    facts: esxiFacts({ cpu: { virtualization: { slat: false } } }),
    expect: [{ status: 'fail', subject: 'slat', severity: 'medium' }],
  },
  {
    name: 'role installed but hypervisor not running',
    facts: hypervFacts({ cpu: { virtualization: bare } }),
    expect: [{ status: 'fail', subject: 'hypervisor' }],
  },
  {
    name: 'extensions unknown',
    facts: esxiFacts({ cpu: { virtualization: { presentInCpu: unknownFact('hardware.cpuFeature not returned') } } }),
    expect: [{ status: 'unknown', message: 'cpuFeature' }],
  },
  {
    name: 'firmware state unknown',
    facts: esxiFacts({ cpu: { virtualization: { enabledInFirmware: unknownFact('HV Support needs esxcli') } } }),
    expect: [{ status: 'unknown', path: 'cpu.virtualization.enabledInFirmware' }],
  },
]);
