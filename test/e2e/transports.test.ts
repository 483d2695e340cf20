import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../../src/lab/index.js';
import type { EsxiHostFacts, HypervHostFacts } from '../../src/core/model/index.js';
import { isUnknown } from '../../src/core/model/index.js';
import type { ReportHost, ScanReport } from '../../src/core/report/schema.js';
import { failed, failedRules, scanReport, tempDir, withTargets } from './helpers.js';

// The seed findings (issue 1) and which lab hosts must and must not show them.
const ESXI_RISKY = ['host-introspection-in-hypervisor', 'esxi-unsigned-code-allowed', 'esxi-third-party-api-exposed'];
const HYPERV_RISKY = [
  'hyperv-management-os-shares-vm-switch',
  'hyperv-os-desktop-experience',
  'hyperv-rdp-without-nla',
  'hyperv-smb1-enabled',
  'hyperv-winrm-insecure',
];

/**
 * A mixed lab scanned end to end through `scan()`: standalone ESXi over SOAP, one vCenter over REST + VI/JSON and the
 * same vCenter again with VI/JSON off (REST + SOAP), Hyper-V over SSH, WinRM Basic/HTTPS and WinRM NTLM/HTTP with
 * message encryption, risky and hardened postures on each.
 */
describe('end to end over the lab: every platform and transport', { timeout: 60_000 }, () => {
  let dir: string;
  let lab: RunningLab;
  let report: ScanReport;
  const host = (target: string, name = target): ReportHost => {
    const h = report.hosts.find((x) => x.target === target && x.name === name);
    if (!h)
      throw new Error(
        `no host ${name} via ${target} in the report: ${report.hosts.map((x) => `${x.target}/${x.name}`).join(', ')}`,
      );
    return h;
  };

  beforeAll(async () => {
    dir = tempDir('transports');
    // esx01 8.0 risky, esx02 7.0 hardened, esx03 6.7 risky; vCenter: 7.0 hardened, 6.7 risky, 8.0 hardened, 7.0 risky
    // (CPU virtualization off in firmware); hv01..hv06: SSH, WinRM HTTPS Basic, WinRM HTTP NTLM, risky and hardened.
    lab = await startLab({ profile: 'mixed', esxi: 3, vcenterHosts: 4, hyperv: 6, latencyMs: 0, outDir: dir });
    const config = withTargets(lab.configPath, 'config-both-vcenter-protocols.json', (c) =>
      c.targets
        .filter((t) => t.platform === 'vcenter')
        .map((t) => ({ ...t, name: 'vc01-soap', viJson: 'off' as const })),
    );
    report = await scanReport(config, dir);
  }, 60_000);

  afterAll(async () => {
    await lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('collects every host over the transport its target names, none failed', () => {
    expect(report.summary).toMatchObject({ hosts: 3 + 4 + 4 + 6, failedHosts: 0, partialHosts: 0 });
    const protocols = Object.fromEntries(
      report.hosts.map((h) => [`${h.target}/${h.name}`, h.facts?.collection.protocol]),
    );
    expect(protocols).toMatchObject({
      'esx01/esx01': 'vim25-soap',
      'vc01/esxi-001.lab.example': 'vi-json',
      'vc01-soap/esxi-001.lab.example': 'vcenter-rest+vim25-soap',
      'hv01/hv01': 'ssh',
      'hv02/hv02': 'winrm-https-basic',
      'hv03/hv03': 'winrm-http-ntlm-encrypted',
    });
    // Every TLS certificate and SSH host key is pinned by the lab's config; NTLM over HTTP has no server identity.
    for (const h of report.hosts)
      expect(h.serverTrust, `${h.target}/${h.name}`).toBe(
        h.facts?.collection.protocol === 'winrm-http-ntlm-encrypted'
          ? 'none'
          : h.facts?.collection.protocol === 'ssh'
            ? 'host-key-pinned'
            : 'pinned',
      );
  });

  it('ESXi facts: build, acceptance level, MOB, hypervisor AV mux on the risky host; none of it on the hardened one', () => {
    const risky = host('esx01').facts as EsxiHostFacts;
    expect(risky.product).toMatchObject({ version: '8.0.1', build: '21495797' });
    expect(risky.esxi.acceptanceLevel).toBe('community');
    expect(risky.exposure.mob).toBe(true);
    expect(isUnknown(risky.agents) ? [] : risky.agents.map((a) => a.kind)).toContain('introspection');
    const hardened = host('esx02').facts as EsxiHostFacts;
    expect(hardened.product).toMatchObject({ version: expect.stringMatching(/^7\.0/) });
    expect(hardened.exposure.mob).toBe(false);
    expect(hardened.agents).toEqual([]);
    expect(hardened.esxi.acceptanceLevel).not.toBe('community');
  });

  it('ESXi seed findings on risky hosts, absent on hardened hosts (standalone and through the vCenter, both protocols)', () => {
    const riskyHosts = [
      host('esx01'),
      host('esx03'),
      host('vc01', 'esxi-002.lab.example'),
      host('vc01-soap', 'esxi-002.lab.example'),
    ];
    for (const h of riskyHosts) {
      for (const rule of ESXI_RISKY) expect(failedRules(h), `${h.target}/${h.name}`).toContain(rule);
      expect(failed(h, 'esxi-third-party-api-exposed'), `${h.target}/${h.name}`).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/\[slp\]/),
          expect.stringMatching(/\[cim\]/),
          expect.stringMatching(/\[mob\]/),
        ]),
      );
      // Community-level third-party VIB in Ring -1.
      expect(failed(h, 'esxi-hypervisor-third-party-code'), `${h.target}/${h.name}`).toContain(
        'esxi-hypervisor-third-party-code[ghettoVCB]',
      );
    }
    const hardenedHosts = [
      host('esx02'),
      host('vc01', 'esxi-001.lab.example'),
      host('vc01-soap', 'esxi-003.lab.example'),
    ];
    for (const h of hardenedHosts) {
      for (const rule of [...ESXI_RISKY, 'host-cpu-virtualization-missing'])
        expect(failedRules(h), `${h.target}/${h.name}`).not.toContain(rule);
      expect(failed(h, 'esxi-hypervisor-third-party-code'), `${h.target}/${h.name}`).not.toContain(
        'esxi-hypervisor-third-party-code[ghettoVCB]',
      );
    }
  });

  it('CPU virtualization disabled in firmware is found on the ESXi 7.0 risky host, over VI/JSON and SOAP alike', () => {
    for (const target of ['vc01', 'vc01-soap']) {
      const h = host(target, 'esxi-004.lab.example');
      expect((h.facts as EsxiHostFacts).cpu.virtualization).toMatchObject({
        presentInCpu: true,
        enabledInFirmware: false,
      });
      expect(failed(h, 'host-cpu-virtualization-missing')).toEqual(['host-cpu-virtualization-missing[firmware]']);
    }
    const strip = (h: ReportHost) => ({
      ...h.facts,
      collection: undefined,
      identity: { ...h.facts!.identity, managedBy: undefined },
    });
    // The two vCenter protocols read the same facts (only the target name they were reached through differs).
    expect(strip(host('vc01-soap', 'esxi-004.lab.example'))).toEqual(strip(host('vc01', 'esxi-004.lab.example')));
  });

  it('Hyper-V facts over each transport: the exposed management partition on risky hosts, closed on hardened ones', () => {
    for (const name of ['hv01', 'hv03', 'hv05']) {
      const f = host(name).facts as HypervHostFacts;
      const exposure = f.exposure as Exclude<HypervHostFacts['exposure'], { unknown: true }>;
      expect(exposure, name).toMatchObject({
        rdp: { nla: false },
        smb: { smb1Enabled: true },
        winrm: { allowUnencrypted: true, auth: { basic: true } },
      });
      expect(exposure.switches, name).toEqual(
        expect.arrayContaining([expect.objectContaining({ switchType: 'External', allowManagementOS: true })]),
      );
    }
    for (const name of ['hv02', 'hv04', 'hv06']) {
      const exposure = (host(name).facts as HypervHostFacts).exposure as Exclude<
        HypervHostFacts['exposure'],
        { unknown: true }
      >;
      expect(exposure, name).toMatchObject({
        rdp: { nla: true },
        smb: { smb1Enabled: false },
        winrm: { allowUnencrypted: false, auth: { basic: false } },
      });
    }
  });

  it('Hyper-V seed findings on risky hosts (SSH, WinRM HTTPS, WinRM NTLM), absent on hardened hosts', () => {
    for (const name of ['hv01', 'hv03', 'hv05']) {
      for (const rule of HYPERV_RISKY) expect(failedRules(host(name)), name).toContain(rule);
      expect(failed(host(name), 'hyperv-winrm-insecure'), name).toEqual(
        expect.arrayContaining(['hyperv-winrm-insecure[basic]', 'hyperv-winrm-insecure[allowUnencrypted]']),
      );
    }
    for (const name of ['hv02', 'hv04', 'hv06']) {
      for (const rule of [...HYPERV_RISKY, 'host-cpu-virtualization-missing', 'host-introspection-in-hypervisor'])
        expect(failedRules(host(name)), name).not.toContain(rule);
    }
  });
});
