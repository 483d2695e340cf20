import { describe, expect, it } from 'vitest';
import { HostFacts } from '../../src/core/model/index.js';
import { factsFromOlderReport } from '../../src/report/older-facts.js';
import { esxiFacts, hypervFacts } from '../fixtures/facts.js';

describe('facts from a report an older hvscan wrote', () => {
  it('a fact the older model lacked becomes unknown with the reason; a field today has no more is dropped', () => {
    const today = esxiFacts();
    const older = structuredClone(today) as Record<string, unknown> & { esxi: Record<string, unknown> };
    delete (older as Record<string, unknown>).vms;
    older.esxi.retiredField = 42;
    const read = factsFromOlderReport(older)!;
    expect(HostFacts.safeParse(read).success).toBe(true);
    expect(read.vms).toMatchObject({ unknown: true, reason: expect.stringContaining('an older hvscan wrote it') });
    expect((read as { esxi: object }).esxi).not.toHaveProperty('retiredField');
    expect(read.product).toEqual(today.product);
  });

  it('reads an ESXi report from before VM counts, esxcli settings and their flags were facts: each is unknown, the rest kept', () => {
    const older = structuredClone(esxiFacts()) as unknown as {
      exposure: { network: { portgroups: Array<Record<string, unknown>> } };
      esxi: Record<string, unknown> & { stateEncryption: Record<string, unknown> };
    };
    delete older.exposure.network.portgroups[0]!.vmCount;
    delete older.esxi.cli;
    delete older.esxi.activeDirectory;
    delete older.esxi.stateEncryption.requireSecureBoot;
    const read = factsFromOlderReport(older)! as ReturnType<typeof esxiFacts>;
    expect(HostFacts.safeParse(read).success).toBe(true);
    const notRecorded = { unknown: true, reason: expect.stringContaining('an older hvscan wrote it') };
    expect(read.exposure.network).toMatchObject({
      portgroups: [{ name: 'Management Network', vlanId: 10, vmCount: notRecorded }],
    });
    expect(read.esxi.cli).toMatchObject({
      accounts: notRecorded,
      syslog: notRecorded,
      tlsRebootRequired: notRecorded,
      snmpV3: notRecorded,
    });
    expect(read.esxi.activeDirectory).toEqual(notRecorded);
    expect(read.esxi.stateEncryption).toEqual({
      protectionMode: 'TPM',
      requireSecureBoot: notRecorded,
      requireExecInstalledOnly: true,
    });
  });

  it("reads an ESXi report from before a VMkernel NIC's port group was a fact: '' (a distributed switch, or unread) is unknown", () => {
    const older = structuredClone(esxiFacts()) as unknown as {
      exposure: { network: { vmknics: Array<Record<string, unknown>> } };
    };
    older.exposure.network.vmknics.push({ device: 'vmk1', portgroup: '', services: ['vmotion'] });
    const read = factsFromOlderReport(older)! as ReturnType<typeof esxiFacts>;
    expect(HostFacts.safeParse(read).success).toBe(true);
    expect(read.exposure.network).toMatchObject({
      vmknics: [
        { device: 'vmk0', portgroup: 'Management Network' },
        { device: 'vmk1', portgroup: { unknown: true, reason: expect.stringContaining('an older hvscan wrote it') } },
      ],
    });
  });

  it('reads a report from before the startup policy was a fact: a service that had none is unknown, the others kept', () => {
    const older = structuredClone(esxiFacts()) as unknown as { services: Array<Record<string, unknown>> };
    delete older.services[0]!.startupPolicy;
    const read = factsFromOlderReport(older)! as ReturnType<typeof esxiFacts>;
    expect(HostFacts.safeParse(read).success).toBe(true);
    const services = read.services as Array<{ startupPolicy: unknown }>;
    expect(services[0]!.startupPolicy).toEqual({
      unknown: true,
      reason: expect.stringContaining('an older hvscan wrote it'),
    });
    expect(services[1]!.startupPolicy).toBe('on');
  });

  it('reads a Hyper-V report from before the boot entry, filters and VM adapters were always facts: each is unknown', () => {
    const older = structuredClone(hypervFacts()) as unknown as { hyperv: Record<string, unknown> };
    for (const key of ['vmNetworkAdapters', 'hypervisorLaunchType', 'netFilters', 'minifilters'])
      delete older.hyperv[key];
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    const notRecorded = { unknown: true, reason: expect.stringContaining('an older hvscan wrote it') };
    expect(read.hyperv).toMatchObject({
      vmNetworkAdapters: notRecorded,
      hypervisorLaunchType: notRecorded,
      netFilters: notRecorded,
      minifilters: notRecorded,
    });
    expect(read.hyperv.settings).toEqual(hypervFacts().hyperv.settings);
  });

  it('reads a Hyper-V report from before VM security facts were required: the ones a VM lacked are unknown, the rest kept', () => {
    const older = structuredClone(hypervFacts()) as unknown as { vms: { items: Array<Record<string, unknown>> } };
    delete older.vms.items[0]!.nestedVirtualization;
    delete older.vms.items[0]!.passthroughDevices;
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    expect(HostFacts.safeParse(read).success).toBe(true);
    const notRecorded = { unknown: true, reason: expect.stringContaining('an older hvscan wrote it') };
    expect(read.vms).toMatchObject({
      items: [
        {
          name: 'dc01',
          secureBoot: true,
          vtpm: true,
          nestedVirtualization: notRecorded,
          passthroughDevices: notRecorded,
        },
      ],
    });
  });

  it('reads a Hyper-V report from before host vNIC, firewall, RDP and SMB values were facts: the missing ones are unknown', () => {
    const older = structuredClone(hypervFacts()) as unknown as {
      exposure: {
        hostVnics: Array<Record<string, unknown>>;
        firewallProfiles: Array<Record<string, unknown>>;
        rdp: Record<string, unknown>;
        smb: Record<string, unknown>;
      };
    };
    delete older.exposure.hostVnics[0]!.vlan;
    delete older.exposure.hostVnics[0]!.ips;
    delete older.exposure.firewallProfiles[1]!.defaultInboundAction;
    delete older.exposure.rdp.port;
    delete older.exposure.rdp.securityLayer;
    for (const key of ['smb2Enabled', 'requireSigning', 'encryptData']) delete older.exposure.smb[key];
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    expect(HostFacts.safeParse(read).success).toBe(true);
    const notRecorded = { unknown: true, reason: expect.stringContaining('an older hvscan wrote it') };
    expect(read.exposure).toMatchObject({
      hostVnics: [{ name: 'Management', switchName: 'vSwitch-Mgmt', vlanId: 10, vlan: notRecorded, ips: notRecorded }],
      firewallProfiles: [
        { name: 'Domain', defaultInboundAction: 'Block' },
        { name: 'Private', enabled: true, defaultInboundAction: notRecorded },
        { name: 'Public', defaultInboundAction: 'Block' },
      ],
      rdp: { enabled: false, nla: true, port: notRecorded, securityLayer: notRecorded },
      smb: { smb1Enabled: false, smb2Enabled: notRecorded, requireSigning: notRecorded, encryptData: notRecorded },
    });
  });

  it('reads a Hyper-V report from before VM adapter guards, VLANs and mirroring were facts: each it lacked is unknown', () => {
    const adapter = { vm: 'app01', switchName: 'vSwitch-VM', macAddressSpoofing: true, vlanId: 20 };
    const older = structuredClone(hypervFacts()) as unknown as { hyperv: Record<string, unknown> };
    older.hyperv.vmNetworkAdapters = [adapter];
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    expect(HostFacts.safeParse(read).success).toBe(true);
    const notRecorded = { unknown: true, reason: expect.stringContaining('an older hvscan wrote it') };
    expect(read.hyperv.vmNetworkAdapters).toEqual([
      { ...adapter, dhcpGuard: notRecorded, routerGuard: notRecorded, vlan: notRecorded, portMirroring: notRecorded },
    ]);
  });

  it('reads a Hyper-V report from before unread VM adapters were recorded: which VMs were read is unknown, not "all"', () => {
    // An empty list would claim every VM's adapters were read; the older report does not say so.
    const older = structuredClone(hypervFacts()) as unknown as { hyperv: Record<string, unknown> };
    delete older.hyperv.vmNetworkAdaptersUnread;
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    expect(HostFacts.safeParse(read).success).toBe(true);
    expect(read.hyperv.vmNetworkAdaptersUnread).toEqual({
      unknown: true,
      reason: expect.stringContaining('an older hvscan wrote it'),
    });
    expect(read.hyperv.vmNetworkAdapters).toEqual(hypervFacts().hyperv.vmNetworkAdapters);
  });

  it('an older report\'s switch name "" (an adapter not connected, or unread) is not a switch: the adapters are unknown', () => {
    const older = structuredClone(hypervFacts()) as unknown as { hyperv: Record<string, unknown> };
    const adapter = { vm: 'app01', switchName: '', macAddressSpoofing: false, dhcpGuard: true, routerGuard: true };
    older.hyperv.vmNetworkAdapters = [{ ...adapter, vlanId: null, portMirroring: 'None' }];
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    expect(read.hyperv.vmNetworkAdapters).toEqual({
      unknown: true,
      reason: expect.stringContaining('an older hvscan wrote it'),
    });
  });

  it('reads a Hyper-V report from before WinRM provenance, client settings and policy were facts: each unknown, the rest kept', () => {
    const older = structuredClone(hypervFacts()) as unknown as {
      exposure: { winrm: Record<string, unknown> & { listeners: Array<Record<string, unknown>>; auth: object } };
    };
    const winrm = older.exposure.winrm;
    for (const key of ['source', 'clientAuth', 'policy', 'sources']) delete winrm[key];
    delete winrm.listeners[0]!.source;
    delete (winrm.auth as Record<string, unknown>).cbtHardeningLevel;
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    expect(HostFacts.safeParse(read).success).toBe(true);
    const notRecorded = { unknown: true, reason: expect.stringContaining('an older hvscan wrote it') };
    expect(read.exposure.winrm).toMatchObject({
      listeners: [{ transport: 'HTTPS', port: 5986, enabled: true, source: notRecorded }],
      allowUnencrypted: false,
      auth: { basic: false, cbtHardeningLevel: notRecorded },
      source: notRecorded,
      clientAuth: notRecorded,
      policy: notRecorded,
      sources: notRecorded,
    });
  });

  it('reads a Hyper-V report from before listener processes, the domain role, Remote Management Users and BitLocker status were facts', () => {
    const older = structuredClone(hypervFacts()) as unknown as {
      exposure: Record<string, Record<string, unknown> & Array<Record<string, unknown>>>;
      hyperv: { bitlocker: Array<Record<string, unknown>> };
    };
    delete older.exposure.listening[1]!.process;
    delete older.exposure.domain.role;
    delete older.exposure.groups.remoteManagementUsers;
    delete older.hyperv.bitlocker[0]!.volumeStatus;
    delete older.hyperv.bitlocker[0]!.encryptionPercentage;
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    expect(HostFacts.safeParse(read).success).toBe(true);
    const notRecorded = { unknown: true, reason: expect.stringContaining('an older hvscan wrote it') };
    expect(read.exposure.listening).toEqual([
      { address: '0.0.0.0', port: 22, protocol: 'tcp', process: 'sshd' },
      { address: '0.0.0.0', port: 5986, protocol: 'tcp', process: notRecorded },
    ]);
    expect(read.exposure.domain).toEqual({ partOfDomain: true, domain: 'lab.local', role: notRecorded });
    expect(read.exposure.groups).toMatchObject({ hypervAdministrators: [], remoteManagementUsers: notRecorded });
    expect(read.hyperv.bitlocker).toEqual([
      { mountPoint: 'C:', protectionOn: true, volumeStatus: notRecorded, encryptionPercentage: notRecorded },
    ]);
  });

  it("reads the placeholders older versions wrote for an unread value (vmms start mode 'unknown', image version '') as unknown", () => {
    const older = structuredClone(hypervFacts()) as unknown as {
      hyperv: { role: { vmms: Record<string, unknown> }; hypervisorBinary: Record<string, unknown> };
    };
    older.hyperv.role.vmms.startMode = 'unknown';
    older.hyperv.hypervisorBinary.version = '';
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    expect(read.hyperv.role.vmms).toMatchObject({
      startMode: { unknown: true, reason: expect.stringContaining('Win32_Service gave no StartMode for vmms') },
    });
    expect(read.hyperv.hypervisorBinary).toMatchObject({
      version: { unknown: true, reason: expect.stringContaining('no file version') },
    });
    expect(factsFromOlderReport(hypervFacts())).toEqual(hypervFacts());
  });

  it('a field absent only on older Windows builds, missing from an older report of a later build, is unrecorded, not absent', () => {
    const older = structuredClone(hypervFacts()) as unknown as {
      hyperv: { os: { build: number }; deviceGuard: Record<string, unknown> };
    };
    delete older.hyperv.deviceGuard.codeIntegrityPolicyEnforcement;
    const read = factsFromOlderReport(older)! as ReturnType<typeof hypervFacts>;
    expect(read.hyperv.os.build).toBeGreaterThanOrEqual(14393);
    expect(read.hyperv.deviceGuard).toMatchObject({
      codeIntegrityPolicyEnforcement: { unknown: true, reason: expect.stringContaining('an older hvscan wrote it') },
    });
    older.hyperv.os.build = 9600; // Server 2012 R2: no Win32_DeviceGuard, so absent by version
    expect((factsFromOlderReport(older) as ReturnType<typeof hypervFacts>).hyperv.deviceGuard).not.toHaveProperty(
      'codeIntegrityPolicyEnforcement',
    );
  });

  it('a required field that cannot be unknown, up to the top, refuses the document rather than inventing it', () => {
    const older = structuredClone(esxiFacts()) as unknown as { identity: Record<string, unknown> };
    delete older.identity.name;
    expect(factsFromOlderReport(older)).toBeNull();
    expect(factsFromOlderReport('not facts')).toBeNull();
    expect(factsFromOlderReport({ platform: 'vax' })).toBeNull();
  });
});
