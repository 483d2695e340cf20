import rule from '../../../rules/hyperv-release-end-of-support.js';
import { unknown } from '../../../src/core/model/index.js';
import { hypervFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

const build = (b: number) => hypervFacts({ hyperv: { os: { build: b } } });
const path = 'hyperv.os.build';

testRule(rule, [
  {
    name: '2012 R2 in early 2026: out of support, ESU only',
    facts: build(9600),
    expect: [
      { status: 'fail', path, severity: 'critical', message: 'paid Extended Security Updates until 2026-10-13' },
    ],
  },
  {
    name: '2012 R2 after the ESU end',
    facts: build(9600),
    now: new Date('2026-11-27T00:00:00Z'),
    expect: [{ status: 'fail', path, severity: 'critical', message: 'Extended Security Updates ended 2026-10-13' }],
  },
  {
    name: '2016 in early 2026 is supported, past mainstream',
    facts: build(14393),
    expect: [{ status: 'pass', path, message: 'mainstream support ended 2022-01-11' }],
  },
  {
    name: '2016 six weeks before the end is a low finding',
    facts: build(14393),
    now: new Date('2026-11-27T00:00:00Z'),
    expect: [{ status: 'fail', path, severity: 'low' }],
  },
  {
    name: '2022 is supported',
    facts: build(20348),
    expect: [{ status: 'pass', path, observed: { build: 20348, product: 'Windows Server 2022' } }],
  },
  {
    name: 'version 23H2 (Annual Channel) ended 2025-10-24 (one transcription only: unverified)',
    facts: build(25398),
    expect: [{ status: 'fail', path, severity: 'critical', unverified: true, message: 'Azure Local' }],
  },
  {
    name: "2025 is supported; its dates rest on a scrape of Microsoft's page (unverified)",
    facts: build(26100),
    expect: [
      { status: 'pass', path, unverified: true, message: '[unverified]', provenance: 'transcriptions disagree' },
    ],
  },
  { name: 'a client build is unknown', facts: build(19045), expect: [{ status: 'unknown', path }] },
  {
    name: 'unknown build',
    facts: hypervFacts({ hyperv: { os: { build: unknown('registry denied') } } }),
    expect: [{ status: 'unknown', path }],
  },
]);
