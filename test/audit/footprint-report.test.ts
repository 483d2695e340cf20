import { describe, expect, it } from 'vitest';
import { projectFile } from '../../src/core/paths.js';
import { parseReport, readReport } from '../../src/report/read.js';
import { demoSummary } from '../../src/lab/summary.js';
import { footprintApproximations, footprintByPlatform, footprintRows } from '../../src/report/footprint.js';
import { esxiFacts, host, hypervFacts, report } from './report-fixture.js';

/** Two ESXi hosts and one Hyper-V host; one ESXi host could not read its boot modules. */
function threeHosts() {
  return report([
    host({ name: 'esx01' }),
    host({
      name: 'esx02',
      facts: esxiFacts({
        identity: { name: 'esx02' },
        footprint: {
          trustedComputingBase: { unknown: true, reason: 'boot modules unavailable: esxcli was not run for this host' },
        },
      }),
    }),
    host({ name: 'hv01', platform: 'hyperv', facts: hypervFacts({ identity: { name: 'hv01' } }) }),
  ]);
}

describe('footprint in the reports: the same three measures per host and per platform', () => {
  it('reads each measure of each host: bytes, image count, approximation and why it is unknown', () => {
    const rows = footprintRows(threeHosts());
    expect(rows.map((r) => [r.host, r.platform])).toEqual([
      ['esx01', 'esxi'],
      ['esx02', 'esxi'],
      ['hv01', 'hyperv'],
    ]);
    expect(rows[0]!.measures.managementSurface).toEqual({
      bytes: null,
      images: 1,
      approximation: 'ESXi approximation: no listening sockets.',
      unknownReason: 'no size this platform reports for the one image',
    });
    expect(rows[1]!.measures.trustedComputingBase).toEqual({
      bytes: null,
      images: 0,
      unknownReason: 'boot modules unavailable: esxcli was not run for this host',
    });
    expect(rows[2]!.measures.hypervisorCode).toEqual({ bytes: 2_097_152, images: 1 });
  });

  it('takes the median per platform over the hosts where a measure is known', () => {
    const byPlatform = footprintByPlatform(footprintRows(threeHosts()));
    expect(byPlatform).toEqual([
      {
        platform: 'esxi',
        hosts: 2,
        measures: { hypervisorCode: 33_554_432, trustedComputingBase: 150_000_000, managementSurface: null },
      },
      {
        platform: 'hyperv',
        hosts: 1,
        measures: { hypervisorCode: 2_097_152, trustedComputingBase: 25_165_824, managementSurface: 3_670_016 },
      },
    ]);
  });

  it('states each platform approximation once', () => {
    expect(footprintApproximations(footprintRows(threeHosts())).map((n) => `${n.platform}/${n.label}`)).toEqual([
      'esxi/Hypervisor code',
      'esxi/Trusted computing base',
      'esxi/Exposed management surface',
      'hyperv/Trusted computing base',
    ]);
  });

  it('the demo summary prints both platforms with the three measures, ≈ where approximated, and the definitions', () => {
    const text = demoSummary(threeHosts());
    const lines = text.split('\n');
    expect(lines.find((l) => l.trimStart().startsWith('esxi ') && l.includes('Hypervisor code'))).toMatch(
      /Hypervisor code +32\.0 MB ≈ +Trusted computing base +143 MB ≈ +Exposed management surface +unknown ≈ +\(2 hosts\)/,
    );
    expect(lines.find((l) => l.trimStart().startsWith('hyperv ') && l.includes('Hypervisor code'))).toMatch(
      /Hypervisor code +2\.0 MB {3,}Trusted computing base +24\.0 MB ≈ +Exposed management surface +3\.5 MB {3,}\(1 hosts\)/,
    );
    // Definitions are wrapped at the terminal width: compare them with the line breaks undone.
    expect(text.replace(/\n\s+/g, ' ')).toContain(
      '- Trusted computing base: on-disk bytes of the distinct code images of the hypervisor plus everything with control over every VM',
    );
    expect(text).toContain('≈ hyperv Trusted computing base: Hyper-V: a lower bound.');
  });
});

describe('reports saved before the three measures', () => {
  const notTaken = {
    unknown: true,
    reason:
      'not measured: this report predates the trusted computing base and exposed surface measures (docs/footprint.md)',
  };

  it('a saved v1 report is read with its hypervisor measure as hypervisor code and the new measures unknown', () => {
    const upgraded = readReport(
      projectFile('test/fixtures/report-v1/history/runs/2026-12-06T08-44-54-118Z/report.json'),
    );
    const footprint = upgraded.hosts[0]!.facts!.footprint;
    expect(footprint.hypervisorCode).toEqual({
      bytes: 157_286_400,
      counted: [{ item: 'esx-base', bytes: 157_286_400 }],
      definition: 'Installed size of the VIBs that make up the vmkernel.',
    });
    expect(footprint.trustedComputingBase).toEqual(notTaken);
    expect(footprint.managementSurface).toEqual(notTaken);
  });

  it('a saved v2 report with the old footprint keys is upgraded the same way; an unknown old measure stays unknown', () => {
    const saved = JSON.parse(JSON.stringify(threeHosts()));
    saved.hosts[2].facts.footprint = {
      hypervisor: {
        bytes: 1925632,
        counted: [{ item: 'C:\\Windows\\System32\\hvix64.exe', bytes: 1925632 }],
        definition: 'On-disk size of the hypervisor image.',
      },
      withManagement: { bytes: 9, counted: [], definition: 'old' },
    };
    saved.hosts[0].facts.footprint = {
      hypervisor: { unknown: true, reason: 'kernel modules unavailable' },
      withManagement: { unknown: true, reason: 'x' },
    };
    const read = parseReport(saved, 'saved.json');
    expect(read.hosts[2]!.facts!.footprint).toEqual({
      hypervisorCode: {
        bytes: 1925632,
        counted: [{ item: 'C:\\Windows\\System32\\hvix64.exe', bytes: 1925632 }],
        definition: 'On-disk size of the hypervisor image.',
      },
      trustedComputingBase: notTaken,
      managementSurface: notTaken,
    });
    expect(read.hosts[0]!.facts!.footprint.hypervisorCode).toEqual({
      unknown: true,
      reason: 'kernel modules unavailable',
    });
    expect(read.hosts[1]!.facts!.footprint).toEqual(threeHosts().hosts[1]!.facts!.footprint);
  });
});
