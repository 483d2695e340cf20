import { expect, it } from 'vitest';
import { hypervFactsFromOutput } from '../../../connectors/hyperv/facts/facts.js';
import { META, known } from '../fixtures.js';
import { mockHost, SERVICES, type MockHost } from './host-fixtures.js';
import { describeWithPwsh } from './locate.js';
import { frameJson, runUnderPwsh } from './run-collector.js';

/**
 * collector.ps1 under real pwsh: the host vNIC and VLAN facts, what runs beside the hypervisor (NDIS bindings,
 * minifilters, hypervisorlaunchtype, CredSSP delegation), and the fidelity fixes (Replica port, Secure Boot without
 * message text, BitLocker's Write-Error, WSMan through the registry, listening UDP).
 */
const DELEGATION = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';
const WSMAN = 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN';

/** A 2022 host with the trickier cases of each fact at once (one pwsh run: each run costs seconds). */
function trickyHost(): MockHost {
  const host = mockHost({ release: 2022 });
  // The admin renamed "vEthernet (Management)" to MGMT: only the ifIndex join finds its address.
  host.net.adapters[0].Name = 'MGMT';
  host.net.ipAddresses = [
    { IPAddress: '10.0.10.21', InterfaceAlias: 'MGMT', InterfaceIndex: 12, AddressFamily: 'IPv4' },
  ];
  host.hyperv.hostVnics[0].Vlan = { OperationMode: 'Trunk', NativeVlanId: 10, AllowedVlanIdList: [10, 20, 30] };
  const vm0 = host.hyperv.vms[0]._adapters[0];
  vm0.PortMirroringMode = 'Destination';
  vm0.Vlan = { OperationMode: 'Private', PrivateVlanMode: 'Community', PrimaryVlanId: 200, SecondaryVlanId: 201 };
  host.hyperv.replication.KerberosAuthenticationPort = 8080;
  // Npcap's lightweight filter bound under the switch (hidden from the Networking tab, so only -AllBindings shows it).
  host.net.bindings.push({
    Name: 'SLOT 2 Port 1',
    InterfaceDescription: 'Intel(R) Ethernet Controller E810-C',
    DisplayName: 'Npcap Packet Driver (NPCAP)',
    ComponentID: 'INSECURE_NPCAP',
    Enabled: true,
    hidden: true,
  });
  host.registry[`${SERVICES}\\acmeflt`] = { ImagePath: '\\SystemRoot\\system32\\drivers\\acmeflt.sys', Start: 0 };
  host.registry[`${SERVICES}\\acmeflt\\Instances\\acmeflt Instance`] = { Altitude: '321410' };
  host.files['C:\\Windows\\system32\\drivers\\acmeflt.sys'] = {
    length: 90_000,
    version: '2.1.0.7',
    company: 'Acme Security',
  };
  host.registry[DELEGATION] = { AllowFreshCredentialsWhenNTLMOnly: 1 };
  host.registry[`${DELEGATION}\\AllowFreshCredentialsWhenNTLMOnly`] = { 1: 'wsman/*', 2: 'TERMSRV/hv02.contoso.local' };
  host.net.udp = [
    { LocalAddress: '0.0.0.0', LocalPort: 123, OwningProcess: 1400 },
    { LocalAddress: '0.0.0.0', LocalPort: 58231, OwningProcess: 1400 },
  ];
  // BIOS firmware on a German host: the message is localized, the exception type is not.
  host.env.firmware_type = 'Legacy';
  host.failures['Confirm-SecureBootUEFI'] = {
    exception: 'PlatformNotSupportedException',
    message: 'Das Cmdlet wird auf dieser Plattform nicht unterstützt: 0xC0000002',
    fqid: 'ConfirmSecureBootUEFI',
  };
  host.bitlockerErrors = ['Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))'];
  return host;
}

describeWithPwsh(
  'collector.ps1 under pwsh: vNICs, VLANs and what runs beside the hypervisor',
  { timeout: 90_000 },
  (pwsh) => {
    const collect = async (host: MockHost) => {
      const run = await runUnderPwsh(pwsh, host);
      expect(run.exitCode).toBe(0);
      return { run, doc: frameJson(run.stdout), facts: hypervFactsFromOutput(run, META) };
    };

    it('a tricky 2022 host: every fact read from the real object shapes', async () => {
      const { doc, facts } = await collect(trickyHost());
      // The renamed vNIC keeps its address (joined by DeviceId and ifIndex), and its trunk carries the native VLAN.
      expect(known(facts.exposure.hostVnics)).toEqual([
        {
          name: 'Management',
          switchName: 'External',
          vlanId: null,
          vlan: { mode: 'Trunk', ids: [10, 20, 30], untagged: false, nativeVlanId: 10 },
          ips: ['10.0.10.21'],
        },
      ]);
      expect(doc.hostVnics.items[0]).toMatchObject({ ifIndex: 12, ifAlias: 'MGMT' });
      expect(known(facts.hyperv.vmNetworkAdapters)[0]).toMatchObject({
        portMirroring: 'Destination',
        vlanId: null,
        vlan: { mode: 'Private', ids: [200, 201], untagged: false, privateVlanMode: 'Community' },
      });
      expect(doc.replica.kerberosPort).toBe(8080);
      expect(doc.secureBoot).toMatchObject({ uefi: false, enabled: false, source: 'Confirm-SecureBootUEFI' });
      expect(facts.firmware).toMatchObject({ type: 'bios', secureBoot: false });
      // Get-BitLockerVolume's Write-Error is collected, not terminating: the list is unknown with the reason.
      expect(doc.errors.bitlocker).toBeUndefined();
      expect(facts.hyperv.bitlocker).toEqual({
        unknown: true,
        reason: expect.stringContaining('BitLocker volumes not readable: Access is denied'),
      });
      expect(
        known(facts.exposure.listening)
          .filter((l) => l.protocol === 'udp')
          .map((l) => l.port),
      ).toEqual([123]);
      expect(known(facts.hyperv.netFilters).map((b) => b.componentId)).toEqual([
        'vms_pp',
        'ms_ndiscap',
        'INSECURE_NPCAP',
      ]);
      expect(known(facts.hyperv.minifilters).map((f) => [f.name, f.altitudes, f.company])).toEqual([
        ['acmeflt', ['321410'], 'Acme Security'],
        ['WdFilter', ['328010'], 'Microsoft Corporation'],
      ]);
      expect(facts.hyperv.hypervisorLaunchType).toBe('Auto');
      expect(known(facts.hyperv.settings)).toMatchObject({
        'CredSSP.AllowFreshCredentialsWhenNTLMOnly': 1,
        'CredSSP.AllowFreshCredentialsWhenNTLMOnly.Servers': 'wsman/*;TERMSRV/hv02.contoso.local',
        'CredSSP.AllowFreshCredentials.Servers': null,
      });
      expect(known(facts.exposure.winrm)).toMatchObject({ source: 'WSMan', clientAuth: { credSSP: false } });
    });

    it('Get-VMNetworkAdapterVlan failing for a host vNIC leaves its VLAN membership unknown with the error, the rest kept', async () => {
      const host = trickyHost();
      host.failures['Get-VMNetworkAdapterVlan'] = {
        exception: 'InvalidOperationException',
        message: 'The operation cannot be performed while the object is in use.',
        fqid: 'InvalidOperation,Microsoft.HyperV.PowerShell.Commands.GetVMNetworkAdapterVlan',
      };
      const { doc, facts } = await collect(host);
      expect(doc.errors.hostVnics).toBeUndefined();
      const unreadable = {
        unknown: true,
        reason:
          'Get-VMNetworkAdapterVlan failed for host vNIC Management: The operation cannot be performed while the object is in use.',
      };
      expect(known(facts.exposure.hostVnics)).toEqual([
        { name: 'Management', switchName: 'External', vlanId: unreadable, vlan: unreadable, ips: ['10.0.10.21'] },
      ]);
    });

    it('WSMan unreachable (SSH key authentication): WinRM settings come from the registry, and policy wins (German host)', async () => {
      const host = mockHost({ release: 2019, core: true, language: 'de' });
      host.failures['Get-WSManInstance'] = {
        exception: 'InvalidOperationException',
        message:
          'The WinRM client cannot process the request. Default credentials with Negotiate over HTTP can be used only if the target machine is part of the TrustedHosts list or HTTPS transport is used.',
        fqid: 'WsManError,Microsoft.WSMan.Management.GetWSManInstanceCommand',
      };
      host.registry[`${WSMAN}\\Service`] = { allow_unencrypted: 0, auth_basic: 1, auth_credssp: 0 };
      host.registry[`${WSMAN}\\Client`] = { auth_credssp: 1 };
      host.registry[`${WSMAN}\\Listener\\*+HTTP`] = { Port: 5985, enabled: 1 };
      host.registry['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service'] = { AllowBasic: 0 };
      // No DeviceId to join on: the MAC, which the physical NIC under the switch shares, and the virtual adapter wins.
      host.hyperv.hostVnics[0].DeviceId = null;
      // Server Core without the BitLocker cmdlets: the provider's own class answers, with its integer codes.
      host.absentCommands = ['Get-BitLockerVolume'];
      host.cim['root/cimv2/Security/MicrosoftVolumeEncryption:Win32_EncryptableVolume'] = [
        { DriveLetter: 'C:', ProtectionStatus: 1 },
        { DriveLetter: 'D:', ProtectionStatus: 0 },
      ];
      // What GetConversionStatus answers per drive (its out parameters; ReturnValue 0 = success).
      host.conversionStatus = {
        'C:': { ReturnValue: 0, ConversionStatus: 1, EncryptionPercentage: 100 },
        'D:': { ReturnValue: 0, ConversionStatus: 0, EncryptionPercentage: 0 },
      };
      const { doc, facts } = await collect(host);
      expect(known(facts.exposure.hostVnics)[0]!.ips).toEqual(['10.0.10.21']);
      expect(doc.hostVnics.items[0].ifIndex).toBe(12);
      expect(doc.errors.winrm).toBeUndefined();
      expect(doc.readErrors.winrm.wsman).toMatch(
        /^Get-WSManInstance failed \(registry read instead\): The WinRM client cannot process/,
      );
      // AllowAutoConfig not set: the registry Listener keys are all the listeners.
      expect(doc.winrm.policy).toEqual({
        allowBasic: false,
        allowUnencrypted: null,
        allowCredSSP: null,
        clientAllowCredSSP: null,
        allowAutoConfig: null,
      });
      const winrm = known(facts.exposure.winrm);
      expect(winrm).toMatchObject({
        source: 'registry',
        allowUnencrypted: false,
        auth: { basic: false, credSSP: false },
        clientAuth: { credSSP: true },
      });
      // The registry listener key does not say whether Group Policy made the listener: unknown with WSMan's error.
      expect(winrm.listeners).toEqual([
        {
          transport: 'HTTP',
          address: '*',
          port: 5985,
          enabled: true,
          source: {
            unknown: true,
            reason: expect.stringMatching(/^Get-WSManInstance failed .* Group Policy created it$/),
          },
        },
      ]);
      expect(winrm.auth.kerberos).toMatchObject({ unknown: true });
      expect(winrm.auth.cbtHardeningLevel).toEqual({
        unknown: true,
        reason: 'WSMan did not answer and the registry holds no cbt_hardening_level value (a default is not assumed)',
      });
      expect(winrm.sources).toMatchObject({ unknown: true });
      // Status and percentage come from the class's GetConversionStatus method (before: an undocumented property, and
      // no percentage at all).
      expect(known(facts.hyperv.bitlocker)).toEqual([
        { mountPoint: 'C:', protectionOn: true, volumeStatus: 'FullyEncrypted', encryptionPercentage: 100 },
        { mountPoint: 'D:', protectionOn: false, volumeStatus: 'FullyDecrypted', encryptionPercentage: 0 },
      ]);
      // bcdedit's German header ("Windows-Startladeprogramm", "Bezeichner") does not hide hypervisorlaunchtype.
      expect(facts.hyperv.hypervisorLaunchType).toBe('Auto');
    });

    it('WSMan unreachable and the registry Listener key unreadable: the listeners are unknown with the error, not none', async () => {
      const host = mockHost({ release: 2022 });
      host.failures['Get-WSManInstance'] = {
        exception: 'InvalidOperationException',
        message: 'The WinRM client cannot process the request.',
        fqid: 'WsManError,Microsoft.WSMan.Management.GetWSManInstanceCommand',
      };
      host.registry[`${WSMAN}\\Service`] = { allow_unencrypted: 0 };
      host.registry[`${WSMAN}\\Listener`] = { $denied: 'Requested registry access is not allowed.' };
      const { doc, facts } = await collect(host);
      expect(doc.readErrors.winrm['registry.listeners']).toMatch(
        /Listener: Requested registry access is not allowed\.$/,
      );
      expect(known(facts.exposure.winrm).listeners).toEqual({
        unknown: true,
        reason: expect.stringMatching(/^registry key not readable: .*WSMAN\\Listener: Requested registry access/),
      });
    });

    it('a non-elevated account on a host without the BitLocker feature: bcdedit refused, volumes unprotected', async () => {
      const host = mockHost({ release: 2016 });
      host.identity.isAdmin = false;
      host.bcd = { denied: true };
      host.cim['root/cimv2/Security:__NAMESPACE'] = [{ Name: 'MicrosoftTpm' }];
      // The BitLocker module is present but its WMI provider is not: it must not even be asked.
      host.bitlockerErrors = ['Invalid namespace'];
      const { run, doc, facts } = await collect(host);
      expect(doc.errors.hypervisorLaunch.message).toMatch(
        /exited with 1: The boot configuration data store could not be opened/,
      );
      expect(facts.hyperv.hypervisorLaunchType).toEqual({
        unknown: true,
        reason: expect.stringMatching(/^requires administrator .*could not be opened/),
      });
      expect(doc.bitlocker).toMatchObject({ providerPresent: false });
      expect(known(facts.hyperv.bitlocker)).toEqual([
        {
          mountPoint: 'C:',
          protectionOn: false,
          volumeStatus: 'BitLocker feature not installed',
          encryptionPercentage: 0,
        },
      ]);
      expect(run.calls['Get-BitLockerVolume']).toBeUndefined();
    });
  },
);
