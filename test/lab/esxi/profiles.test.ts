import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../../src/lab/esxi/index.js';
import { ESXI_VERSIONS } from '../../../src/lab/esxi/profile.js';

/** The hardened and risky lab profiles differ exactly where the SCG controls and hvscan's risk themes look. */
const option = (p: ReturnType<typeof loadProfile>, key: string) => p.options[key]?.value;

describe.each(ESXI_VERSIONS)('ESXi %s lab profiles', (version) => {
  const hardened = loadProfile(`esxi-${version}-hardened`);
  const risky = loadProfile(`esxi-${version}-risky`);

  it('hardened: SCG expected values', () => {
    for (const key of ['TSM-SSH', 'TSM', 'slpd', 'sfcbd-watchdog', 'snmpd'])
      expect(hardened.services[key]).toMatchObject({ running: false, policy: 'off' });
    expect(hardened.services.ntpd).toMatchObject({ running: true, policy: 'on' });
    expect(hardened.lockdown.mode).toBe('lockdownNormal');
    expect(hardened.snmp.enabled).toBe(false);
    expect(hardened.acceptanceLevel).toBe('partner');
    expect(option(hardened, 'Config.HostAgent.plugins.solo.enableMob')).toBe(false);
    expect(option(hardened, 'VMkernel.Boot.execInstalledOnly')).toBe(true);
    expect(option(hardened, 'UserVars.ESXiShellTimeOut')).toBe(600);
    expect(option(hardened, 'UserVars.ESXiShellInteractiveTimeOut')).toBe(900);
    expect(option(hardened, 'Mem.ShareForceSalting')).toBe(2);
    expect(hardened.firewall.rulesets.sshServer.allowedHosts.allIp).toBe(false);
    expect(hardened.firewall.rulesets.CIMSLP.enabled).toBe(false);
    expect(Object.values(hardened.vibs).map((v) => v.acceptanceLevel)).not.toContain('community');
    expect(hardened.ntpServers.length).toBeGreaterThanOrEqual(2);
  });

  it('risky: hypervisor AV mux, community VIB, SLP/CIM running, MOB on, lockdown off, SSH on, open firewall', () => {
    expect(risky.vibs['epsec-mux']).toBeDefined();
    expect(risky.services['vShield-Endpoint-Mux']).toMatchObject({ running: true });
    expect(risky.firewall.rulesets['vShield-Endpoint-Mux']).toMatchObject({ enabled: true });
    expect(Object.values(risky.vibs).some((v) => v.acceptanceLevel === 'community')).toBe(true);
    for (const key of ['slpd', 'sfcbd-watchdog', 'TSM-SSH']) expect(risky.services[key].running).toBe(true);
    expect(option(risky, 'Config.HostAgent.plugins.solo.enableMob')).toBe(true);
    expect(option(risky, 'VMkernel.Boot.execInstalledOnly')).toBe(false);
    expect(risky.lockdown.mode).toBe('lockdownDisabled');
    expect(risky.snmp).toMatchObject({ enabled: true, readOnlyCommunities: ['public'] });
    expect(risky.firewall.rulesets.sshServer).toMatchObject({ enabled: true, allowedHosts: { allIp: true } });
    expect(Number(risky.product.build)).toBeLessThan(Number(hardened.product.build));
    expect(Object.values(risky.vms).some((vm) => vm.network.includes('Management Network'))).toBe(true);
  });
});

describe('lab profiles across versions', () => {
  it('one risky host has CPU virtualization disabled in firmware', () => {
    const disabled = ESXI_VERSIONS.map((v) => loadProfile(`esxi-${v}-risky`)).filter(
      (p) => p.capability.nestedHVSupported === false,
    );
    expect(disabled.map((p) => p.name)).toEqual(['esxi-7.0-risky']);
    expect(disabled[0].featureCapability['hv.capable']).toBe('0');
    // esxcli agrees: HV Support 2 (present, not enabled in the BIOS) there, 3 everywhere else.
    const hv = ESXI_VERSIONS.flatMap((v) =>
      (['hardened', 'risky'] as const).map((p) => loadProfile(`esxi-${v}-${p}`)),
    ).map((p) => [p.name, p.esxcli.hvSupport]);
    expect(hv.filter(([, n]) => n !== 3)).toEqual([['esxi-7.0-risky', 2]]);
  });

  it('esxcli: SCG values hardened, weak settings risky, boot modules of ~140-150 MB on 8.0', () => {
    const hardened = loadProfile('esxi-8.0-hardened').esxcli;
    const risky = loadProfile('esxi-8.0-risky').esxcli;
    expect(hardened).toMatchObject({
      tlsProfile: 'NIST_2024',
      sshFips: true,
      keyPersistence: false,
      logFilteringEnabled: false,
      missingNamespaces: [],
    });
    expect(hardened.accounts.dcui.shellAccess).toBe(false);
    expect(hardened.syslog.localLogOutputIsPersistent).toBe(true);
    expect(risky.accounts.dcui.shellAccess).toBe(true);
    expect(risky.sshServer.ciphers).toContain('3des-cbc');
    expect(risky.syslog.localLogOutputIsPersistent).toBe(false);
    expect(risky.missingNamespaces).toEqual(['system tls server']);
    for (const profile of [hardened, risky]) {
      const total = Object.values(profile.tardisks).reduce((s, b) => s + b, 0);
      expect(total).toBeGreaterThan(140e6);
      expect(total).toBeLessThan(150e6);
    }
  });

  it('only an 8.0.3 host knows capability.uefiSecureBoot', () => {
    for (const v of ESXI_VERSIONS) {
      for (const posture of ['hardened', 'risky'] as const) {
        const p = loadProfile(`esxi-${v}-${posture}`);
        expect(p.unsupportedProperties.includes('capability.uefiSecureBoot')).toBe(p.product.apiVersion !== '8.0.3.0');
      }
    }
  });
});
