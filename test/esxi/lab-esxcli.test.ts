import { afterEach, describe, expect, it } from 'vitest';
import {
  startEsxiSimulator,
  type EsxiProfileName,
  type EsxiSimulator,
  type EsxiSimulatorOptions,
} from '../../src/lab/esxi/index.js';
import { HostFacts, type EsxiHostFacts, type Finding } from '../../src/core/model/index.js';
import { evaluateHost } from '../../src/rules/engine.js';
import { collectHosts, testContext, vsphereTarget } from './context.js';

const running: EsxiSimulator[] = [];
async function collectFrom(options: EsxiSimulatorOptions, esxcli?: boolean) {
  const sim = await startEsxiSimulator(options);
  running.push(sim);
  const ctx = testContext(sim.password, AbortSignal.timeout(20_000), sim.username);
  const target = vsphereTarget({
    name: 'esx-lab',
    host: sim.host,
    port: sim.port,
    username: sim.username,
    tls: { fingerprint: sim.fingerprint },
    esxcli,
  });
  const { hosts, stats } = await collectHosts(target, ctx);
  const facts = hosts[0] as EsxiHostFacts;
  expect(HostFacts.safeParse(facts).success).toBe(true);
  return { facts, stats, sim };
}

/** The rules that read esxi.cli: before esxcli collection they all answered unknown "not collected". */
const CLI_RULES = [
  'esxi-dcui-shell-access',
  'esxi-entropy-hwrng-disabled',
  'esxi-entropy-sources',
  'esxi-key-persistence-enabled',
  'esxi-snmp-v3-without-privacy',
  'esxi-ssh-ciphers',
  'esxi-ssh-client-alive-count',
  'esxi-ssh-client-alive-interval',
  'esxi-ssh-fips-disabled',
  'esxi-ssh-gateway-ports',
  'esxi-ssh-hostbased-auth',
  'esxi-ssh-ignore-rhosts',
  'esxi-ssh-login-banner',
  'esxi-ssh-tcp-forwarding',
  'esxi-ssh-tunnels',
  'esxi-ssh-user-environment',
  'esxi-syslog-local-persistent',
  'esxi-syslog-log-filter',
  'esxi-tls-server-profile',
];

function statuses(facts: EsxiHostFacts): Record<string, Finding['status'] | 'missing'> {
  const findings = evaluateHost(facts, { profile: 'scg', now: new Date('2026-01-01T00:00:00Z') });
  return Object.fromEntries(CLI_RULES.map((id) => [id, findings.find((f) => f.ruleId === id)?.status ?? 'missing']));
}

/** esxcli over ExecuteSoap between the connector and the lab simulator, and the hardening rules on what it collects. */
describe('esxcli facts from the lab simulator', { timeout: 30_000 }, () => {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  it('hardened 8.0: esxi.cli filled with SCG values, HV Support 3, tardisk footprint, same critical path', async () => {
    const { facts, stats, sim } = await collectFrom({ profile: 'esxi-8.0-hardened' });
    expect(facts.esxi.cli).toEqual({
      accounts: [
        { user: 'root', shellAccess: true },
        { user: 'dcui', shellAccess: false },
        { user: 'vpxuser', shellAccess: false },
      ],
      syslog: { localLogOutputIsPersistent: true, logFilteringEnabled: false },
      keyPersistence: false,
      kernel: { disableHwrng: 'FALSE', entropySources: '0', execInstalledOnly: 'TRUE' },
      tlsProfile: 'NIST_2024',
      tlsRebootRequired: false,
      sshServer: expect.objectContaining({
        ciphers: 'aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr',
        permittunnel: 'no',
      }),
      sshFips: true,
      snmpV3: {
        enabled: false,
        authentication: 'SHA1',
        privacy: 'AES128',
        users: [{ user: 'monitor', security: 'priv' }],
      },
    });
    expect(facts.cpu.virtualization).toMatchObject({ presentInCpu: true, enabledInFirmware: true });
    expect(facts.cpu.virtualization.evidence).toContainEqual(
      expect.stringMatching(/^esxcli hardware cpu global get HVSupport=3 /),
    );
    // Trusted computing base: every boot module except those data/footprint/esxi-boot-modules.json lists as not host code.
    const tcb = facts.footprint.trustedComputingBase as Exclude<
      EsxiHostFacts['footprint']['trustedComputingBase'],
      { unknown: true }
    >;
    const profileTardisks = Object.entries(sim.hosts[0]!.profile.esxcli.tardisks);
    const notHostCode = /^(uc_[a-z]+\.b00|useropts\.gz|features\.gz|imgdb\.tgz|esx_ui\.v00)$/;
    const hostCode = profileTardisks.filter(([name]) => !notHostCode.test(name));
    expect(hostCode.length).toBeLessThan(profileTardisks.length - 5);
    expect(tcb.counted.map((c) => c.item)).toEqual(hostCode.map(([name]) => `tardisk ${name}`));
    expect(tcb.bytes).toBe(hostCode.reduce((s, [, b]) => s + b, 0));
    expect(tcb.counted).toContainEqual({ item: 'tardisk s.v00', bytes: 46563328, role: 'boot module' });
    expect(tcb.leftOut?.map((l) => l.item)).toEqual(
      profileTardisks.filter(([name]) => notHostCode.test(name)).map(([name]) => `tardisk ${name}`),
    );
    expect(tcb.leftOut).toContainEqual({
      item: 'tardisk uc_intel.b00',
      bytes: 3608776,
      why: expect.stringMatching(/^CPU microcode updates/),
    });
    expect(tcb.approximation).toMatch(/^ESXi approximation \(upper bound\): .*esxi-boot-modules\.json/);
    // One RetrieveManagedMethodExecuter beside the property pass, eleven ExecuteSoap calls in the manager wave.
    expect(sim.requestsByMethod()).toMatchObject({ RetrieveManagedMethodExecuter: 1, ExecuteSoap: 11 });
    // ServiceContent, Login, properties beside the executer, the wave of 18 calls (7 manager, 11 esxcli) over 2 sockets,
    // Logout.
    expect(stats.roundTrips).toBe(1 + 1 + 1 + 9 + 1);
    expect(Object.values(statuses(facts)).every((s) => s === 'pass')).toBe(true);
  });

  it('risky 8.0.1: the esxcli rules fail; TLS profiles predate this release (its fact unknown with the fault, the rule not applicable)', async () => {
    const { facts } = await collectFrom({ profile: 'esxi-8.0-risky' });
    expect(facts.esxi.cli?.accounts).toContainEqual({ user: 'dcui', shellAccess: true });
    expect(facts.esxi.cli?.syslog).toEqual({ localLogOutputIsPersistent: false, logFilteringEnabled: true });
    expect(facts.esxi.cli?.tlsProfile).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('ha-cli-handler-system-tls-server) failed: ManagedObjectNotFound'),
    });
    const status = statuses(facts);
    expect(status['esxi-tls-server-profile']).toBe('not_applicable');
    // Defaults the risky posture keeps (banner, rhosts, host-based auth, user environment, keep-alive count) still pass.
    const expectedPass = [
      'esxi-ssh-login-banner',
      'esxi-ssh-ignore-rhosts',
      'esxi-ssh-hostbased-auth',
      'esxi-ssh-user-environment',
      'esxi-ssh-client-alive-count',
    ];
    for (const id of CLI_RULES.filter((r) => r !== 'esxi-tls-server-profile'))
      expect([id, status[id]]).toEqual([id, expectedPass.includes(id) ? 'pass' : 'fail']);
  });

  it('risky 7.0: HV Support 2 means VT-x present but disabled in firmware', async () => {
    const { facts } = await collectFrom({ profile: 'esxi-7.0-risky' });
    expect(facts.cpu.virtualization).toMatchObject({ presentInCpu: true, enabledInFirmware: false });
    expect(facts.cpu.virtualization.evidence).toContainEqual(
      expect.stringMatching(
        /^esxcli hardware cpu global get HVSupport=2 \(VT-x\/AMD-V available but not enabled in the BIOS/,
      ),
    );
    const findings = evaluateHost(facts, { profile: 'scg', now: new Date('2026-01-01T00:00:00Z') });
    expect(findings.find((f) => f.ruleId === 'host-cpu-virtualization-missing')?.status).toBe('fail');
  });

  for (const [profile, missing] of [
    ['esxi-6.7-hardened', ['tlsProfile', 'tlsRebootRequired', 'keyPersistence', 'sshServer']],
    ['esxi-7.0-hardened', ['tlsProfile', 'tlsRebootRequired']],
  ] as Array<[EsxiProfileName, string[]]>) {
    it(`${profile}: a namespace the release lacks makes only its facts unknown`, async () => {
      const { facts } = await collectFrom({ profile });
      const cli = facts.esxi.cli as Record<string, unknown>;
      for (const [field, value] of Object.entries(cli)) {
        if (missing.includes(field))
          expect(value).toMatchObject({ unknown: true, reason: expect.stringContaining('ManagedObjectNotFound') });
        else expect(value).not.toHaveProperty('unknown');
      }
      expect(facts.collection.errors).toEqual([]);
    });
  }

  it('a host without the executer (as in govmomi vcsim): every esxcli fact unknown with the reason, the rest collected', async () => {
    const { facts, sim } = await collectFrom({ profile: 'esxi-8.0-hardened', withoutEsxcli: true });
    for (const value of Object.values(facts.esxi.cli!)) {
      expect(value).toMatchObject({
        unknown: true,
        reason: expect.stringContaining('RetrieveManagedMethodExecuter on HostSystem ha-host failed: MethodNotFound'),
      });
    }
    expect(facts.footprint.trustedComputingBase).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('boot modules unavailable'),
    });
    expect(facts.footprint.hypervisorCode).not.toHaveProperty('unknown');
    expect(sim.requestsByMethod().ExecuteSoap).toBeUndefined();
    expect(Object.values(statuses(facts)).every((s) => s === 'unknown')).toBe(true);
  });

  it('esxcli: false in the target skips the calls; the facts say why', async () => {
    const { facts, sim } = await collectFrom({ profile: 'esxi-8.0-hardened' }, false);
    expect(facts.esxi.cli?.sshFips).toEqual({
      unknown: true,
      reason: "esxcli turned off in the target's config (esxcli: false)",
    });
    expect(sim.requestsByMethod()).not.toHaveProperty('RetrieveManagedMethodExecuter');
    expect(sim.requestsByMethod()).not.toHaveProperty('ExecuteSoap');
  });

  it('vCenter: each host is asked for its own executer through the vCenter session, over SOAP and VI/JSON alike', async () => {
    const sim = await startEsxiSimulator({
      mode: 'vcenter',
      hosts: 2,
      profile: 'esxi-8.0-hardened',
      vcenterVersion: '8.0.3',
    });
    running.push(sim);
    const run = async (viJson: 'auto' | 'off') => {
      const ctx = testContext(sim.password, AbortSignal.timeout(20_000), sim.username);
      const target = vsphereTarget({
        name: 'vc-lab',
        platform: 'vcenter',
        host: sim.host,
        port: sim.port,
        username: sim.username,
        tls: { fingerprint: sim.fingerprint },
        viJson,
      });
      return collectHosts(target, ctx);
    };
    const soap = await run('off');
    expect(soap.hosts).toHaveLength(2);
    for (const host of soap.hosts as EsxiHostFacts[]) expect(host.esxi.cli?.tlsProfile).toBe('NIST_2024');
    expect(sim.requestsByMethod()).toMatchObject({ RetrieveManagedMethodExecuter: 2, ExecuteSoap: 22 });
    const json = await run('auto');
    expect(json.stats.protocol).toBe('vi-json');
    expect(json.hosts.map((h) => (h as EsxiHostFacts).esxi.cli)).toEqual(
      soap.hosts.map((h) => (h as EsxiHostFacts).esxi.cli),
    );
  });
});
