import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GO_PEER_PASSWORD_ENV } from '../../go/build.js';
import { type EsxiSimulator, type HostProfile, startEsxiSimulator } from '../../../src/lab/esxi/index.js';
import { ensureProbe, probe } from './govmomi-probe.js';

const run = promisify(execFile);

/**
 * Fidelity: VMware's own client library (govmomi 0.24.2, Debian) talks to the simulator and must decode exactly the
 * profile's data — product, CPUID, typed advanced options, firewall, services, VIBs, modules, lockdown, vNICs — through
 * thumbprint pinning, Login, ContainerView, paged RetrievePropertiesEx and the manager methods.
 */
function expectHostMatchesProfile(report: any, profile: HostProfile): void {
  expect(report.product).toMatchObject({
    Version: profile.product.version,
    Build: profile.product.build,
    ApiVersion: profile.product.apiVersion,
    ApiType: 'HostAgent',
  });
  expect(
    report.cpuFeature.map((c: any) => ({ level: c.Level, eax: c.Eax, ebx: c.Ebx, ecx: c.Ecx, edx: c.Edx })),
  ).toEqual(profile.hardware.cpuFeature);
  const options = Object.fromEntries(Object.entries(profile.options).map(([k, o]) => [k, o.value]));
  expect(report.options).toEqual(options);
  expect(report.queryOptions).toEqual(
    Object.fromEntries(Object.entries(options).filter(([k]) => k.startsWith('UserVars.'))),
  );
  expect(report.errors).toEqual({ QueryOptionsUnknown: 'types.InvalidName' });
  expect(report.lockdownMode).toBe(profile.lockdown.mode);
  expect(report.lockdownExceptions ?? []).toEqual(profile.lockdown.exceptions);
  expect(report.firewall.DefaultPolicy).toEqual({
    IncomingBlocked: profile.firewall.incomingBlocked,
    OutgoingBlocked: profile.firewall.outgoingBlocked,
  });
  expect(
    Object.fromEntries(
      report.firewall.Ruleset.map((r: any) => [
        r.Key,
        { enabled: r.Enabled, allIp: r.AllowedHosts.AllIp, ips: r.AllowedHosts.IpAddress ?? [] },
      ]),
    ),
  ).toEqual(
    Object.fromEntries(
      Object.entries(profile.firewall.rulesets).map(([k, r]) => [
        k,
        { enabled: r.enabled, allIp: r.allowedHosts.allIp, ips: r.allowedHosts.ipAddress ?? [] },
      ]),
    ),
  );
  expect(
    Object.fromEntries(report.services.map((s: any) => [s.Key, { running: s.Running, policy: s.Policy }])),
  ).toEqual(
    Object.fromEntries(Object.entries(profile.services).map(([k, s]) => [k, { running: s.running, policy: s.policy }])),
  );
  expect(report.acceptance).toBe(profile.acceptanceLevel);
  expect(report.vibs.map((v: any) => [v.Name, v.Version, v.Vendor, v.AcceptanceLevel])).toEqual(
    Object.entries(profile.vibs).map(([name, v]) => [name, v.version, v.vendor, v.acceptanceLevel]),
  );
  expect(report.modules).toEqual(Object.keys(profile.modules));
  expect(report.imageProfile).toBe(profile.imageProfile.name);
  expect(report.snmp).toMatchObject({ Enabled: profile.snmp.enabled, Port: profile.snmp.port });
  expect(report.snmp.ReadOnlyCommunities ?? []).toEqual(profile.snmp.readOnlyCommunities);
  expect(report.snmp.TrapTargets ?? []).toEqual(
    profile.snmp.trapTargets.map((t) => ({ HostName: t.hostName, Port: t.port, Community: t.community })),
  );
  const mgmt = Object.entries(profile.network.vmknics).filter(([, n]) => n.services.includes('management'));
  expect(report.managementVnics).toEqual(mgmt.map(([device]) => `management.key-vim.host.VirtualNic-${device}`));
}

describe('govmomi 0.24.2 client against the ESXi simulator', () => {
  let binary: string;
  const sims: EsxiSimulator[] = [];
  beforeAll(async () => {
    binary = await ensureProbe();
  }, 300_000);
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  it.each(['esxi-8.0-risky', 'esxi-6.7-hardened'] as const)(
    'decodes a standalone %s host exactly as profiled',
    async (profile) => {
      const sim = await startEsxiSimulator({ profile, username: 'root', password: 'pw-1' });
      sims.push(sim);
      const report = await probe(binary, sim);
      expect(report.about).toMatchObject({ ApiType: 'HostAgent', Build: sim.hosts[0].profile.product.build });
      expect(report.pagedHosts).toEqual(['ha-host']);
      expect(report.hosts).toHaveLength(1);
      expectHostMatchesProfile(report.hosts[0], sim.hosts[0].profile);
      expect(sim.requestsByMethod()).toMatchObject({
        Login: 1,
        Logout: 1,
        RetrieveServiceContent: 1,
        CreateContainerView: 1,
        DestroyView: 1,
        fetchSoftwarePackages: 1,
      });
    },
    60_000,
  );

  it('decodes every host of a vCenter, paging by maxObjects', async () => {
    const sim = await startEsxiSimulator({
      mode: 'vcenter',
      hosts: [
        { profile: 'esxi-7.0-risky' },
        { profile: 'esxi-8.0-hardened' },
        { profile: 'esxi-6.7-risky' },
        { profile: 'esxi-7.0-hardened' },
        { profile: 'esxi-8.0-risky' },
      ],
      username: 'administrator@vsphere.local',
      password: 'pw-2',
    });
    sims.push(sim);
    const report = await probe(binary, sim, 2);
    expect(report.about).toMatchObject({ ApiType: 'VirtualCenter', Version: '8.0.3' });
    expect(report.pagedHosts).toEqual(sim.hosts.map((h) => h.moId));
    expect(report.pages).toBe(3);
    expect(report.hosts.map((h: any) => h.moId)).toEqual(sim.hosts.map((h) => h.moId));
    report.hosts.forEach((h: any, i: number) => expectHostMatchesProfile(h, sim.hosts[i].profile));
    expect(sim.requestsByMethod().ContinueRetrievePropertiesEx).toBe(2);
  }, 60_000);

  it('fails the login with a wrong password, as govmomi sees InvalidLogin', async () => {
    const sim = await startEsxiSimulator({ profile: 'esxi-7.0-hardened', password: 'right' });
    sims.push(sim);
    await expect(probe(binary, { ...sim, password: 'wrong' })).rejects.toThrow(
      /login: .*(incorrect user name or password|InvalidLogin)/,
    );
  }, 60_000);

  it('takes the password only from $HVSCAN_PEER_PASSWORD, never from its command line (seen in ps)', async () => {
    const sim = await startEsxiSimulator({ profile: 'esxi-7.0-hardened', password: 'right' });
    sims.push(sim);
    const env = { ...process.env };
    delete env[GO_PEER_PASSWORD_ENV];
    const args = ['-url', sim.url, '-user', sim.username, '-thumbprint', sim.thumbprintSha1];
    await expect(run(binary, args, { env, timeout: 30_000 })).rejects.toMatchObject({
      stderr: `password: $${GO_PEER_PASSWORD_ENV} is not set\n`,
    });
    await expect(run(binary, [...args, '-password', 'right'], { env, timeout: 30_000 })).rejects.toMatchObject({
      stderr: expect.stringContaining('flag provided but not defined: -password'),
    });
    expect(sim.requestsByMethod()).toEqual({});
  }, 60_000);
});
