import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostFacts, isUnknown, type HypervHostFacts } from '../../src/core/model/index.js';
import { projectFile } from '../../src/core/paths.js';
import { factsFromText, fixtureText } from './fixtures.js';

/** The lab profiles (data/lab/hyperv/) that the simulators and the demo answer with are collector documents too. */
const PROFILES = readdirSync(projectFile('data/lab/hyperv'))
  .filter((f) => f.endsWith('.json'))
  .sort();

function factsOf(file: string): HypervHostFacts {
  return factsFromText(fixtureText(`data/lab/hyperv/${file}`));
}

/** The weaknesses a risky profile must show and a hardened one must not (one per rule family). */
function weaknesses(f: HypervHostFacts): string[] {
  const found: string[] = [];
  const k = <T>(v: T | { unknown: true; reason: string }): T => {
    if (isUnknown(v)) throw new Error(v.reason);
    return v;
  };
  if (k(f.exposure.smb).smb1Enabled) found.push('smb1');
  if (k(f.exposure.winrm).auth.basic || k(f.exposure.winrm).allowUnencrypted) found.push('winrm-basic-unencrypted');
  if (k(f.exposure.rdp).enabled && !k(f.exposure.rdp).nla) found.push('rdp-without-nla');
  if (k(f.exposure.firewallProfiles).some((p) => !p.enabled)) found.push('firewall-off');
  if (
    k(f.exposure.switches).some((s) => s.switchType === 'External' && s.allowManagementOS) &&
    k(f.exposure.hostVnics).some((n) => n.vlanId === null)
  )
    found.push('shared-untagged-management');
  if (f.firmware.secureBoot === false) found.push('secure-boot-off');
  if (k(f.hyperv.deviceGuard).vbsStatus !== 2) found.push('vbs-off');
  if (k(f.hyperv.bitlocker).some((v) => !v.protectionOn)) found.push('bitlocker-off');
  if (k(f.hyperv.defender).realTimeProtection === false) found.push('defender-rtp-off');
  if (k(f.hyperv.migration).useAnyNetwork) found.push('migration-any-network');
  if (
    k(f.vms).items.some(
      (v) =>
        v.generation === 1 ||
        v.nestedVirtualization === true ||
        (typeof v.passthroughDevices === 'number' && v.passthroughDevices > 0),
    )
  )
    found.push('risky-vms');
  if (k(f.drivers).some((d) => d.signed === false)) found.push('unsigned-driver');
  // Beside the hypervisor: a capture filter under the external switch, a third-party minifilter, a mirror port, and
  // fresh credentials delegated to NTLM-only servers.
  if (k(f.hyperv.netFilters!).some((b) => !/^(ms_|vms_pp$)/i.test(b.componentId))) found.push('ndis-third-party');
  if (k(f.hyperv.minifilters!).some((m) => !/microsoft/i.test(k(m.company)))) found.push('minifilter-third-party');
  if (k(f.hyperv.vmNetworkAdapters!).some((a) => a.portMirroring === 'Destination')) found.push('port-mirroring');
  if (k(f.hyperv.settings)['CredSSP.AllowFreshCredentialsWhenNTLMOnly'] === 1) found.push('credssp-ntlm-only');
  return found;
}

describe('lab profiles', () => {
  it('cover 2016, 2019, 2022 and 2025, hardened and risky', () => {
    expect(PROFILES).toEqual(
      ['2016', '2019', '2022', '2025'].flatMap((y) => [`ws${y}-hardened.json`, `ws${y}-risky.json`]),
    );
  });

  it.each(PROFILES)('%s maps to valid host facts with no collection errors', (file) => {
    const facts = factsOf(file);
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(facts.collection.errors).toEqual([]);
    expect(facts.product.releaseName).toMatch(new RegExp(`Windows Server ${file.slice(2, 6)}`));
  });

  it.each(PROFILES.filter((f) => f.includes('hardened')))('%s shows none of the weaknesses', (file) => {
    expect(weaknesses(factsOf(file))).toEqual([]);
  });

  it.each(PROFILES.filter((f) => f.includes('risky')))('%s shows every weakness', (file) => {
    expect(weaknesses(factsOf(file))).toHaveLength(16);
  });
});
