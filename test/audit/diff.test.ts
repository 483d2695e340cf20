import { describe, expect, it } from 'vitest';
import { diffReports, newAtOrAbove } from '../../src/diff/index.js';
import { ReportDiff } from '../../src/core/report/diff-schema.js';
import { renderDiffText } from '../../src/diff/text.js';
import { esxiFacts, finding, host, hypervFacts, report } from './report-fixture.js';

const ssh = finding({ id: 'f-ssh' });
const mob = finding({ id: 'f-mob', ruleId: 'esxi-mob-enabled', title: 'MOB enabled', severity: 'medium' });

describe('diffReports', () => {
  it('sorts findings into new, resolved and still open by their deterministic id', () => {
    const before = report([host({ name: 'esx01', findings: [ssh, mob] })]);
    const after = report(
      [
        host({
          name: 'esx01',
          findings: [
            mob,
            finding({ id: 'f-slp', ruleId: 'esxi-slp-running', title: 'SLP running', severity: 'critical' }),
          ],
        }),
      ],
      '2026-11-21T02:00:00.000Z',
    );
    const diff = ReportDiff.parse(diffReports(before, after));
    expect(diff.findings.new.map((f) => f.id)).toEqual(['f-slp']);
    expect(diff.findings.resolved.map((f) => f.id)).toEqual(['f-ssh']);
    expect(diff.findings.stillOpen.map((f) => f.id)).toEqual(['f-mob']);
    expect(newAtOrAbove(diff, 'high').map((f) => f.id)).toEqual(['f-slp']);
    expect(newAtOrAbove(diff, 'critical').map((f) => f.id)).toEqual(['f-slp']);
  });

  it('reports severity changes, expired suppressions, and ignores suppressed and passing results', () => {
    const before = report([host({ name: 'esx01', findings: [ssh, finding({ id: 'f-x', status: 'pass' })] })]);
    const after = report([
      host({
        name: 'esx01',
        findings: [
          { ...ssh, severity: 'critical' },
          finding({ id: 'f-x', suppressed: { reason: 'accepted', expires: '2027-01-01' } }),
          finding({
            id: 'f-exp',
            ruleId: 'hvscan-suppression-expired',
            title: 'Suppression expired',
            severity: 'medium',
          }),
        ],
      }),
    ]);
    const diff = diffReports(before, after);
    expect(diff.findings.severityChanged).toEqual([
      expect.objectContaining({ id: 'f-ssh', severity: 'critical', previousSeverity: 'high' }),
    ]);
    expect(diff.findings.new).toEqual([]);
    expect(diff.findings.suppressionsExpired.map((f) => f.id)).toEqual(['f-exp']);
  });

  it('names hosts that appeared and disappeared, and does not call their findings resolved', () => {
    const before = report([host({ name: 'old', findings: [ssh] }), host({ name: 'kept' })]);
    const after = report([host({ name: 'kept' }), host({ name: 'new' })]);
    const diff = diffReports(before, after);
    expect(diff.hosts.appeared).toEqual(['new']);
    expect(diff.hosts.disappeared).toEqual(['old']);
    expect(diff.findings.resolved).toEqual([]);
  });

  it('detects fact drift: build, VIB added, service started, firewall ruleset opened, AllowManagementOS on', () => {
    const esxBefore = esxiFacts({ identity: { name: 'esx01' } });
    const esxAfter = esxiFacts({ identity: { name: 'esx01' }, product: { build: '99999999' } });
    const drivers = esxAfter.drivers as Array<{
      name: string;
      inHypervisor: boolean;
      kind: 'vib';
      source: string;
      version?: string;
    }>;
    drivers.push({
      name: 'community-nic',
      version: '1.0',
      inHypervisor: true,
      kind: 'vib',
      source: 'fetchSoftwarePackages',
    });
    const services = esxAfter.services as Array<{ name: string; running: unknown }>;
    const sshService = services.find((s) => s.name === 'TSM-SSH');
    expect(sshService?.running).toBe(false);
    sshService!.running = true;
    const fw = esxAfter.exposure.firewall as { rulesets: Array<{ key: string; allowedAllIp: boolean }> };
    fw.rulesets.find((r) => r.key === 'sshServer')!.allowedAllIp = !fw.rulesets.find((r) => r.key === 'sshServer')!
      .allowedAllIp;

    const hvBefore = hypervFacts({ identity: { name: 'hv01' } });
    const hvAfter = hypervFacts({ identity: { name: 'hv01' } });
    const switches = hvAfter.exposure.switches as Array<{ name: string; allowManagementOS: boolean }>;
    switches[0].allowManagementOS = !switches[0].allowManagementOS;

    const diff = diffReports(
      report([host({ name: 'esx01', facts: esxBefore }), host({ name: 'hv01', platform: 'hyperv', facts: hvBefore })]),
      report([host({ name: 'esx01', facts: esxAfter }), host({ name: 'hv01', platform: 'hyperv', facts: hvAfter })]),
    );
    const esx = diff.hosts.drift.find((d) => d.host === 'esx01')!.changes;
    expect(esx).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'build', path: 'product.build', after: '99999999' }),
        expect.objectContaining({ kind: 'driver', after: 'community-nic 1.0' }),
        expect.objectContaining({ kind: 'service', path: 'services[TSM-SSH].running', before: false, after: true }),
        expect.objectContaining({ kind: 'exposure', path: 'exposure.firewall.rulesets[sshServer].allowedAllIp' }),
      ]),
    );
    expect(esx).toHaveLength(4);
    const hv = diff.hosts.drift.find((d) => d.host === 'hv01')!.changes;
    expect(hv).toEqual([
      expect.objectContaining({ kind: 'exposure', path: `exposure.switches[${switches[0].name}].allowManagementOS` }),
    ]);
  });

  it('treats a fact that became unknown as a change of its own, not as removal of every item', () => {
    const after = esxiFacts({ identity: { name: 'esx01' }, drivers: { unknown: true, reason: 'NoPermission' } });
    const diff = diffReports(report([host({ name: 'esx01' })]), report([host({ name: 'esx01', facts: after })]));
    expect(diff.hosts.drift).toEqual([]);
  });

  it('renders text with host control characters made visible', () => {
    const evil = finding({ id: 'f-evil', title: 'bad\u001b[2Jtitle' });
    const text = renderDiffText(
      diffReports(report([host({ name: 'a' })]), report([host({ name: 'a', findings: [evil] })])),
    );
    expect(text).toContain('New findings (1)');
    expect(text).toContain('bad\\x1b[2Jtitle');
    expect(text).not.toContain('\u001b');
  });
});
