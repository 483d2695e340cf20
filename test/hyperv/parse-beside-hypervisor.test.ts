import { describe, expect, it } from 'vitest';
import { HostFacts } from '../../src/core/model/index.js';
import { factsFrom, factsFromText, fixture, fixtureText, known, reason } from './fixtures.js';

describe('what runs in and beside the hypervisor', () => {
  const risky = factsFromText(fixtureText('data/lab/hyperv/ws2022-risky.json'));

  it('maps hypervisorlaunchtype, the NDIS bindings under external switches and the file-system minifilters', () => {
    expect(risky.hyperv.hypervisorLaunchType).toBe('Auto');
    expect(known(risky.hyperv.netFilters)).toEqual([
      {
        switchName: 'External',
        adapter: 'Ethernet 2',
        componentId: 'vms_pp',
        displayName: 'Hyper-V Extensible Virtual Switch',
      },
      {
        switchName: 'External',
        adapter: 'Ethernet 2',
        componentId: 'INSECURE_NPCAP',
        displayName: 'Npcap Packet Driver (NPCAP)',
      },
    ]);
    expect(known(risky.hyperv.minifilters).map((f) => [f.name, f.company])).toEqual([
      ['WdFilter', 'Microsoft Corporation'],
      ['storqosflt', 'Microsoft Corporation'],
      ['acmeflt', 'Acme Security'],
    ]);
  });

  it('a minifilter whose key could not be read has an unknown company, not "Microsoft" or none', () => {
    const doc = fixture('ws2022-hardened');
    doc.minifilters.items.push({
      name: 'odd',
      altitudes: [],
      imagePath: null,
      company: null,
      start: null,
      error: 'Requested registry access is not allowed.',
    });
    const filters = known(factsFrom(doc).hyperv.minifilters);
    expect(filters.at(-1)!.company).toEqual({
      unknown: true,
      reason: 'minifilter odd: registry not readable: Requested registry access is not allowed.',
    });
  });

  it('bcdedit denied to a non-elevated account: the launch type is unknown and says administrator is required', () => {
    const facts = factsFrom('ws2016-nonadmin');
    expect(facts.hyperv.hypervisorLaunchType).toMatchObject({
      unknown: true,
      reason: expect.stringMatching(/^requires administrator.*Access is denied/),
    });
  });

  it('Get-VMSwitch denied to a non-elevated account: the NDIS bindings are unknown and say administrator is required', () => {
    expect(factsFrom('ws2016-nonadmin').hyperv.netFilters).toMatchObject({
      unknown: true,
      reason: expect.stringMatching(/^requires administrator .*required permission/),
    });
  });

  it('an unreadable minifilter list is unknown with the collector reason', () => {
    const doc = fixture('ws2022-hardened');
    doc.readErrors = { minifilters: { instances: 'Services\\*\\Instances not readable: access denied' } };
    expect(factsFrom(doc).hyperv.minifilters).toEqual({
      unknown: true,
      reason: 'Services\\*\\Instances not readable: access denied',
    });
  });
});

describe('UDP exposure: only listening endpoints count', () => {
  it('a send-only UDP socket (a port from the dynamic range) is not a listener; a fixed port is', () => {
    const facts = factsFrom('ws2022-hardened');
    const listening = known(facts.exposure.listening);
    expect(listening.filter((l) => l.protocol === 'udp').map((l) => l.port)).toEqual([123]);
    const services = known(facts.services);
    expect(services.find((s) => s.name === 'W32Time')).toMatchObject({
      exposed: true,
      ports: [{ port: 123, protocol: 'udp' }],
    });
    expect(services.find((s) => s.name === 'Dnscache')?.exposed).not.toBe(true);
  });

  it('uses the host dynamic range when it was changed', () => {
    const doc = fixture('ws2022-hardened');
    doc.listening.udpDynamicPorts = { start: 10000, count: 1000 };
    doc.listening.items.push({
      address: '0.0.0.0',
      port: 10500,
      protocol: 'udp',
      pid: 9,
      process: 'x.exe',
      service: null,
    });
    const ports = known(factsFrom(doc).exposure.listening)
      .filter((l) => l.protocol === 'udp')
      .map((l) => l.port);
    expect(ports).toEqual([123, 58231]);
  });
});

describe('host vNIC IP addresses by ifIndex', () => {
  it('a vNIC whose Net adapter was not found has an unknown IP list saying so, not an empty one', () => {
    const doc = fixture('ws2022-hardened');
    Object.assign(doc.hostVnics.items[0], { ifIndex: null, ifAlias: null, ips: [] });
    const vnic = known(factsFrom(doc).exposure.hostVnics)[0]!;
    expect(vnic.ips).toEqual({
      unknown: true,
      reason: `no Net adapter (Get-NetAdapter) has the DeviceId or MAC address of host vNIC "${vnic.name}"`,
    });
    expect(HostFacts.safeParse(factsFrom(doc)).success).toBe(true);
  });

  it('a failed Get-NetIPAddress leaves the IP list of every vNIC unknown with its error', () => {
    const doc = fixture('ws2022-hardened');
    doc.readErrors = { hostVnics: { ips: 'Get-NetIPAddress failed: Access denied' } };
    for (const vnic of known(factsFrom(doc).exposure.hostVnics))
      expect(vnic.ips).toEqual({ unknown: true, reason: 'Get-NetIPAddress failed: Access denied' });
  });

  it('a vNIC whose Get-VMNetworkAdapterVlan failed has an unknown VLAN membership with that error, not "untagged"', () => {
    const doc = fixture('ws2022-hardened');
    const name = doc.hostVnics.items[0].name as string;
    const error = `Get-VMNetworkAdapterVlan failed for host vNIC ${name}: The operation failed.`;
    Object.assign(doc.hostVnics.items[0], { vlanMode: null, accessVlanId: null });
    doc.readErrors = { hostVnics: { [`vlan:${name}`]: error } };
    const vnic = known(factsFrom(doc).exposure.hostVnics)[0]!;
    expect(vnic.vlan).toEqual({ unknown: true, reason: error });
    expect(vnic.vlanId).toEqual({ unknown: true, reason: error });
    // Without the error, a setting with no OperationMode is unknown too, naming what was missing.
    doc.readErrors = {};
    expect(known(factsFrom(doc).exposure.hostVnics)[0]!.vlan).toEqual({
      unknown: true,
      reason: `Get-VMNetworkAdapterVlan gave no OperationMode for host vNIC "${name}"`,
    });
  });

  it('a vNIC without a SwitchName leaves the host vNICs unknown, not on a switch named ""', () => {
    const doc = fixture('ws2022-hardened');
    const name = doc.hostVnics.items[0].name as string;
    doc.hostVnics.items[0].switchName = null;
    expect(factsFrom(doc).exposure.hostVnics).toEqual({
      unknown: true,
      reason: `Get-VMNetworkAdapter -ManagementOS gave no SwitchName for host vNIC "${name}"`,
    });
  });

  it('a private-VLAN port carries its primary and secondary VLANs', () => {
    const doc = fixture('ws2022-hardened');
    Object.assign(doc.hostVnics.items[0], {
      vlanMode: 'Private',
      privateVlanMode: 'Promiscuous',
      primaryVlanId: 200,
      secondaryVlanIds: [201, 202],
    });
    expect(known(factsFrom(doc).exposure.hostVnics)[0]).toMatchObject({
      vlanId: null,
      vlan: { mode: 'Private', ids: [200, 201, 202], untagged: false, privateVlanMode: 'Promiscuous' },
    });
  });
});

describe('WinRM settings read from the registry when WSMan does not answer (SSH key authentication)', () => {
  const registryDoc = () => {
    const doc = fixture('ws2022-hardened');
    doc.readErrors = { winrm: { wsman: 'Get-WSManInstance failed (registry read instead): Access is denied.' } };
    doc.winrm = {
      serviceState: 'Running',
      source: 'registry',
      listeners: [
        { transport: 'HTTP', address: '*', port: null, enabled: null, hostname: null, certificateThumbprint: null },
      ],
      allowUnencrypted: true,
      auth: { basic: null, kerberos: null, negotiate: null, certificate: null, credSSP: null, cbtHardeningLevel: null },
      clientAuth: { basic: null, credSSP: null },
      policy: {
        allowBasic: true,
        allowUnencrypted: null,
        allowCredSSP: false,
        clientAllowCredSSP: true,
        allowAutoConfig: null,
      },
    };
    return doc;
  };

  it('policy values win, values the registry does not hold are unknown (no default assumed)', () => {
    const winrm = known(factsFrom(registryDoc()).exposure.winrm);
    expect(winrm.source).toBe('registry');
    expect(winrm.allowUnencrypted).toBe(true);
    expect(winrm.auth.basic).toBe(true);
    expect(winrm.auth.credSSP).toBe(false);
    expect(winrm.auth.kerberos).toEqual({
      unknown: true,
      reason: 'WSMan did not answer and the registry holds no auth_kerberos value (a default is not assumed)',
    });
    expect(known(winrm.clientAuth).credSSP).toBe(true);
  });

  it('what the registry does not record is unknown, never a default: listener port, state and origin, CBT, provenance', () => {
    const winrm = known(factsFrom(registryDoc()).exposure.winrm);
    const wsman = 'Get-WSManInstance failed (registry read instead): Access is denied.';
    expect(known(winrm.listeners)).toEqual([
      {
        transport: 'HTTP',
        address: '*',
        port: {
          unknown: true,
          reason: 'the registry key of listener *+HTTP holds no Port value (a default is not assumed)',
        },
        enabled: {
          unknown: true,
          reason: 'the registry key of listener *+HTTP holds no enabled value (a default is not assumed)',
        },
        source: {
          unknown: true,
          reason: `${wsman}: the registry key of listener *+HTTP does not record whether Group Policy created it`,
        },
      },
    ]);
    expect(winrm.auth.cbtHardeningLevel).toEqual({
      unknown: true,
      reason: 'WSMan did not answer and the registry holds no cbt_hardening_level value (a default is not assumed)',
    });
    expect(winrm.sources).toEqual({
      unknown: true,
      reason: `${wsman}: only WSMan marks where each value came from (Source="GPO"), the registry copy does not`,
    });
  });

  it('with the policy that makes a listener on, or that policy unread, the registry listeners are not taken as all', () => {
    const doc = registryDoc();
    doc.winrm.policy.allowAutoConfig = true;
    expect(reason(known(factsFrom(doc).exposure.winrm).listeners)).toBe(
      'Get-WSManInstance failed (registry read instead): Access is denied.; Group Policy "Allow remote server management through WinRM" (AllowAutoConfig) makes a listener only WSMan reports',
    );
    doc.winrm.policy.allowAutoConfig = null;
    doc.readErrors.winrm.AllowAutoConfig = 'registry value not readable: access denied';
    expect(reason(known(factsFrom(doc).exposure.winrm).listeners)).toBe('registry value not readable: access denied');
    delete doc.readErrors.winrm.AllowAutoConfig;
    delete doc.winrm.policy.allowAutoConfig;
    expect(reason(known(factsFrom(doc).exposure.winrm).listeners)).toMatch(/did not report the AllowAutoConfig policy/);
  });

  it('a policy value that could not be read leaves the setting it overrides unknown, not the local value', () => {
    const doc = registryDoc();
    const denied =
      'registry value not readable: HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service\\AllowBasic: Requested registry access is not allowed.';
    doc.readErrors.winrm.AllowBasic = denied;
    doc.winrm.policy.allowBasic = null;
    doc.winrm.auth.basic = false;
    const winrm = known(factsFrom(doc).exposure.winrm);
    expect(winrm.auth.basic).toEqual({ unknown: true, reason: denied });
    expect(known(winrm.policy).allowBasic).toEqual({ unknown: true, reason: denied });
  });

  it('a policy AllowUnencryptedTraffic that could not be read makes the WinRM fact unknown with that error', () => {
    const doc = registryDoc();
    doc.readErrors.winrm.AllowUnencryptedTraffic = 'registry value not readable: access denied';
    expect(factsFrom(doc).exposure.winrm).toEqual({
      unknown: true,
      reason: 'registry value not readable: access denied',
    });
  });

  it('without allow_unencrypted in the registry or policy the WinRM fact is unknown and names both reads', () => {
    const doc = registryDoc();
    doc.winrm.allowUnencrypted = null;
    const winrm = factsFrom(doc).exposure.winrm;
    expect(winrm).toEqual({
      unknown: true,
      reason:
        'Get-WSManInstance failed (registry read instead): Access is denied.; the registry holds no allow_unencrypted value (a default is not assumed)',
    });
  });
});

describe('BitLocker', () => {
  it('a non-elevated account whose volume read failed gets "requires administrator" in the reason', () => {
    const doc = fixture('ws2016-nonadmin');
    doc.readErrors = { bitlocker: { volumes: 'BitLocker volumes not readable: Access denied' } };
    expect(factsFrom(doc).hyperv.bitlocker).toEqual({
      unknown: true,
      reason:
        'requires administrator (the collector ran without an elevated token): BitLocker volumes not readable: Access denied',
    });
  });

  it('without the BitLocker WMI provider every fixed volume is unprotected (a fact, not unknown)', () => {
    const facts = factsFrom('ws2012r2-ps4-quirks');
    expect(known(facts.hyperv.bitlocker).every((v) => v.protectionOn === false)).toBe(true);
  });
});
