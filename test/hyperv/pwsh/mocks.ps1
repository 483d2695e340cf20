# Mock prelude: dot-sourced into real pwsh before connectors/hyperv/collector/collector.ps1 runs, it defines every Windows and
# Hyper-V command the collector calls as a function (functions win over cmdlets in PowerShell's command lookup, and
# Get-Command finds them, so the collector's HasCommand guards see exactly the commands the fixture host has).
# The host is a JSON fixture ($env:HVSCAN_MOCK_HOST, built by test/hyperv/pwsh/host-fixtures.ts). The prelude owns
# the SHAPE of every object (property names, .NET types, PSTypeNames, each with its source); fixtures only hold values
# and may name only properties the shape knows.
# Optional: $env:HVSCAN_MOCK_CALLS = a file that receives one line per mocked call ("<command> <items>");
# $env:HVSCAN_MOCK_LATENCY = "<base ms>,<ms per returned item>" sleeps per call like a loaded WMI provider would.
# $env:HVSCAN_MOCK_LATENCY_ONLY = "Get-VMProcessor,..." limits that latency to the commands named.
# This file runs only under pwsh 7 in the tests: unlike the collector it may use PowerShell 5+/7 syntax.
Set-StrictMode -Off
$global:HvHost = Get-Content -Raw -LiteralPath $env:HVSCAN_MOCK_HOST | ConvertFrom-Json -AsHashtable
$global:HvCallsFile = $env:HVSCAN_MOCK_CALLS
$global:HvLatency = @(0, 0)
if ($env:HVSCAN_MOCK_LATENCY) { $global:HvLatency = @($env:HVSCAN_MOCK_LATENCY.Split(',') | ForEach-Object { [double]$_ }) }
# The collector runs on Windows: paths and the environment it reads are Windows ones.
$env:SystemRoot = 'C:\Windows'
if ($HvHost.env) { foreach ($name in $HvHost.env.Keys) { Set-Item -Path "env:$name" -Value $HvHost.env[$name] } }

# ---- .NET types the collector uses directly ----

# WindowsIdentity/WindowsPrincipal throw PlatformNotSupportedException off Windows. PowerShell resolves type names
# through its accelerator table first, so these stand-ins answer [Security.Principal.WindowsIdentity]::GetCurrent()
# and New-Object Security.Principal.WindowsPrincipal (learn.microsoft.com/dotnet/api/system.security.principal.windowsidentity,
# .../windowsprincipal.isinrole). WindowsBuiltInRole is the real enum (it exists on every platform).
class MockWindowsIdentity {
  [string]$Name
  static [MockWindowsIdentity] GetCurrent() { $i = [MockWindowsIdentity]::new(); $i.Name = $global:HvHost.identity.name; return $i }
}
class MockWindowsPrincipal {
  [object]$Identity
  MockWindowsPrincipal([object]$identity) { $this.Identity = $identity }
  [bool] IsInRole([Security.Principal.WindowsBuiltInRole]$role) {
    return ($role -eq [Security.Principal.WindowsBuiltInRole]::Administrator) -and [bool]$global:HvHost.identity.isAdmin
  }
}
$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
$accelerators::Add('Security.Principal.WindowsIdentity', [MockWindowsIdentity])
$accelerators::Add('Security.Principal.WindowsPrincipal', [MockWindowsPrincipal])

# Hyper-V module enums (Microsoft.HyperV.PowerShell, Windows Server 2016+ module): member names as the cmdlets print
# them (learn.microsoft.com/powershell/module/hyper-v/get-vm, set-vmfirmware -EnableSecureBoot On|Off,
# set-vmnetworkadapter -MacAddressSpoofing On|Off, set-vmnetworkadaptervlan -Access|-Trunk|-Untagged|-Isolated,
# new-vmswitch -SwitchType Internal|Private, set-vm -CheckpointType). PowerShell enums: same names and values, but
# their .NET full name is the short name (VMState), not Microsoft.HyperV.PowerShell.VMState.
enum VMState { Other = 1; Running = 2; Off = 3; Stopping = 4; Saved = 6; Paused = 9; Starting = 10; Reset = 11; Saving = 32773; Pausing = 32776; Resuming = 32777 }
enum CheckpointType { Disabled = 2; Production = 3; ProductionOnly = 4; Standard = 5 }
enum VMReplicationState { Disabled = 0; Replicating = 5 }
enum OnOffState { On = 0; Off = 1 }
enum VMNetworkAdapterVlanMode { Untagged = 0; Access = 1; Trunk = 2; Private = 3 }
# VMNetworkAdapterPrivateVlanMode, VMNetworkAdapterPortMirroringMode: dsccommunity/HyperVDsc
# tests/Unit/Stubs/Hyper-V.stubs.psm1 (generated from the real module), set-vmnetworkadaptervlan -Isolated|-Community|
# -Promiscuous and set-vmnetworkadapter -PortMirroring None|Source|Destination.
enum VMNetworkAdapterPrivateVlanMode { Isolated = 1; Community = 2; Promiscuous = 3 }
enum VMNetworkAdapterPortMirroringMode { None = 0; Destination = 1; Source = 2 }
enum VMSwitchType { Private = 0; Internal = 1; External = 2 }
enum MigrationAuthenticationType { CredSSP = 0; Kerberos = 1 }
enum ReplicationAuthenticationType { Kerberos = 1; Certificate = 2; CertificateAndKerberos = 3 }
# NetSecurity's GpoBoolean and Action (learn.microsoft.com/powershell/module/netsecurity/set-netfirewallprofile).
enum GpoBoolean { False = 0; True = 1; NotConfigured = 2 }
enum FirewallAction { NotConfigured = 0; Allow = 2; Block = 4 }
# BitLocker module (learn.microsoft.com/powershell/module/bitlocker/get-bitlockervolume).
enum BitLockerVolumeProtectionStatus { Off = 0; On = 1; Unknown = 2 }
enum BitLockerVolumeStatus { FullyDecrypted = 0; FullyEncrypted = 1; EncryptionInProgress = 2; DecryptionInProgress = 3 }
# ServerManager's InstallState (learn.microsoft.com/powershell/module/servermanager/get-windowsfeature).
enum InstallState { Available = 0; Installed = 1; Removed = 2 }

# ---- plumbing ----

$global:HvLatencyOnly = @(if ($env:HVSCAN_MOCK_LATENCY_ONLY) { $env:HVSCAN_MOCK_LATENCY_ONLY.Split(',') })

function HvCall([string]$Command, [int]$Items = 1) {
  if ($HvCallsFile) { [IO.File]::AppendAllText($HvCallsFile, "$Command $Items`n") }
  $ms = 0
  if ($HvLatencyOnly.Count -eq 0 -or $HvLatencyOnly -contains $Command) { $ms = $HvLatency[0] + $HvLatency[1] * $Items }
  if ($ms -gt 0) { Start-Sleep -Milliseconds ([int]$ms) }
  $failure = $HvHost.failures[$Command]
  if ($failure) { HvThrow $failure }
}

# A failure as the real command raises it: the exception type and HResult the fixture names (with a citation there).
function HvThrow($Failure) {
  $exception = switch ($Failure.exception) {
    'CimException' { [Microsoft.Management.Infrastructure.CimException]::new($Failure.message) }
    'UnauthorizedAccessException' { [UnauthorizedAccessException]::new($Failure.message) }
    'PlatformNotSupportedException' { [PlatformNotSupportedException]::new($Failure.message) }
    default { [InvalidOperationException]::new($Failure.message) }
  }
  if ($Failure.hresult) { $exception.HResult = [BitConverter]::ToInt32([BitConverter]::GetBytes([uint32]$Failure.hresult), 0) }
  throw [Management.Automation.ErrorRecord]::new($exception, [string]$Failure.fqid, 'NotSpecified', $null)
}

# A property bag converted to the declared .NET types, with the real object's PSTypeNames first. $Extra: properties
# added as they are (VMName/VMId on Hyper-V component objects).
function HvObject([string[]]$TypeNames, [hashtable]$Shape, $Values, [string]$What, [hashtable]$Extra) {
  $bag = [ordered]@{}
  foreach ($name in $Shape.Keys) { $bag[$name] = $null }
  if ($Values) {
    foreach ($name in $Values.Keys) {
      $type = $Shape[$name]
      if ($null -eq $type) { throw "mock fixture: $What has no property '$name' (shape in mocks.ps1)" }
      $value = $Values[$name]
      # Inline for the common types: this runs for every property of thousands of objects on the 500-VM host.
      $bag[$name] = if ($null -eq $value) { $null } elseif ($type -eq 'string') { [string]$value } elseif ($type -eq 'bool') { [bool]$value } else { HvConvert $value $type }
    }
  }
  if ($Extra) { foreach ($name in $Extra.Keys) { $bag[$name] = $Extra[$name] } }
  $object = [pscustomobject]$bag
  for ($i = $TypeNames.Length - 1; $i -ge 0; $i--) { $object.PSObject.TypeNames.Insert(0, $TypeNames[$i]) }
  return $object
}

function HvConvert($Value, [string]$Type) {
  if ($null -eq $Value) { return $null }
  if ($Type.EndsWith('[]')) {
    $element = $Type.Substring(0, $Type.Length - 2)
    return , @(foreach ($item in $Value) { HvConvert $item $element })
  }
  switch ($Type) {
    'datetime' { return [datetime]::Parse($Value, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind) }
    'timespan' { return [timespan]::FromSeconds([double]$Value) }
    'guid' { return [guid]$Value }
    'version' { return [version]$Value }
    'object' { return $Value }
    default { return ($Value -as ($Type -as [type])) }
  }
}

# ---- CIM (root/cimv2 and friends) ----

# Property → .NET type as Get-CimInstance returns them (CIM uint32 → UInt32, datetime → DateTime, boolean → Boolean),
# from each class's page in the Win32 docs (learn.microsoft.com/windows/win32/cimwin32prov/<class>).
$global:HvCimShapes = @{
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-operatingsystem
  'root/cimv2:Win32_OperatingSystem' = @{ Caption = 'string'; Version = 'string'; BuildNumber = 'string'; ProductType = 'uint32'; OperatingSystemSKU = 'uint32'; LastBootUpTime = 'datetime'; InstallDate = 'datetime'; OSLanguage = 'uint32'; MUILanguages = 'string[]' }
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-computersystem
  'root/cimv2:Win32_ComputerSystem' = @{ DNSHostName = 'string'; Name = 'string'; Manufacturer = 'string'; Model = 'string'; PartOfDomain = 'bool'; Domain = 'string'; DomainRole = 'uint16'; Workgroup = 'string'; HypervisorPresent = 'bool' }
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-computersystemproduct
  'root/cimv2:Win32_ComputerSystemProduct' = @{ UUID = 'string'; Vendor = 'string'; Name = 'string' }
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-processor
  'root/cimv2:Win32_Processor' = @{ Manufacturer = 'string'; Name = 'string'; NumberOfCores = 'uint32'; NumberOfLogicalProcessors = 'uint32'; VirtualizationFirmwareEnabled = 'bool'; VMMonitorModeExtensions = 'bool'; SecondLevelAddressTranslationExtensions = 'bool'; AddressWidth = 'uint16' }
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-service
  'root/cimv2:Win32_Service' = @{ Name = 'string'; DisplayName = 'string'; State = 'string'; StartMode = 'string'; PathName = 'string'; StartName = 'string'; ProcessId = 'uint32'; ServiceType = 'string' }
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-systemdriver
  'root/cimv2:Win32_SystemDriver' = @{ Name = 'string'; DisplayName = 'string'; State = 'string'; StartMode = 'string'; PathName = 'string'; ServiceType = 'string' }
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-process
  'root/cimv2:Win32_Process' = @{ ProcessId = 'uint32'; Name = 'string'; ExecutablePath = 'string' }
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-group
  'root/cimv2:Win32_Group' = @{ SID = 'string'; Name = 'string'; Domain = 'string'; LocalAccount = 'bool'; Members = 'object' }
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-optionalfeature
  'root/cimv2:Win32_OptionalFeature' = @{ Name = 'string'; Caption = 'string'; InstallState = 'uint32' }
  # learn.microsoft.com/windows/win32/cimwin32prov/win32-logicaldisk
  'root/cimv2:Win32_LogicalDisk' = @{ DeviceID = 'string'; DriveType = 'uint32' }
  # learn.microsoft.com/previous-versions/windows/desktop/legacy/aa394354(v=vs.85) (Win32_PnPSignedDriver)
  'root/cimv2:Win32_PnPSignedDriver' = @{ DeviceName = 'string'; DeviceClass = 'string'; InfName = 'string'; DriverVersion = 'string'; DriverDate = 'datetime'; DriverProviderName = 'string'; Manufacturer = 'string'; IsSigned = 'bool'; Signer = 'string' }
  # learn.microsoft.com/windows/security/hardware-security/enable-virtualization-based-protection-of-code-integrity (Win32_DeviceGuard)
  'root/Microsoft/Windows/DeviceGuard:Win32_DeviceGuard' = @{ VirtualizationBasedSecurityStatus = 'uint32'; SecurityServicesConfigured = 'uint32[]'; SecurityServicesRunning = 'uint32[]'; AvailableSecurityProperties = 'uint32[]'; RequiredSecurityProperties = 'uint32[]'; CodeIntegrityPolicyEnforcementStatus = 'uint32'; UsermodeCodeIntegrityPolicyEnforcementStatus = 'uint32' }
  # learn.microsoft.com/windows/win32/secprov/win32-tpm
  'root/cimv2/Security/MicrosoftTpm:Win32_Tpm' = @{ SpecVersion = 'string'; IsEnabled_InitialValue = 'bool'; IsActivated_InitialValue = 'bool' }
  # The "Hyper-V Hypervisor" counter set (hvstats provider) as WMI exposes it: microsoft/wmi
  # server2019/root/cimv2/Win32_PerfFormattedData_HvStats_HyperVHypervisor.go (generated from the class by wmigen).
  'root/cimv2:Win32_PerfFormattedData_HvStats_HyperVHypervisor' = @{ Name = 'string'; LogicalProcessors = 'uint64'; Partitions = 'uint64'; VirtualProcessors = 'uint64'; TotalPages = 'uint64'; HypervisorStartupCost = 'uint64' }
  # WMI's system class __NAMESPACE (learn.microsoft.com/windows/win32/wmisdk/--namespace): one instance per child
  # namespace; root\cimv2\Security\MicrosoftVolumeEncryption exists only with the BitLocker feature.
  'root/cimv2/Security:__NAMESPACE' = @{ Name = 'string' }
  # learn.microsoft.com/windows/win32/secprov/win32-encryptablevolume: DeviceID, PersistentVolumeID, DriveLetter and
  # ProtectionStatus (uint32) are its properties; the conversion state comes from its GetConversionStatus method.
  'root/cimv2/Security/MicrosoftVolumeEncryption:Win32_EncryptableVolume' = @{ DeviceID = 'string'; PersistentVolumeID = 'string'; DriveLetter = 'string'; ProtectionStatus = 'uint32' }
}

# WQL WHERE clauses the collector uses: "A=B AND C<>D", values quoted or bare.
function HvMatches($Item, [string]$Filter) {
  if (-not $Filter) { return $true }
  foreach ($term in ($Filter -split '\s+AND\s+')) {
    if ($term -notmatch "^\s*(\w+)\s*(=|<>)\s*'?([^']*)'?\s*$") { throw "mock Get-CimInstance: unsupported filter '$Filter'" }
    $actual = [string]$Item[$Matches[1]]
    $expected = $Matches[3]
    $equal = $actual -eq $expected
    if (($Matches[2] -eq '=') -ne $equal) { return $false }
  }
  return $true
}

# learn.microsoft.com/powershell/module/cimcmdlets/get-ciminstance (output: CimInstance, PSTypeNames
# Microsoft.Management.Infrastructure.CimInstance#<namespace>/<class>). A namespace the host lacks throws the CIM
# "Invalid namespace" error, as on Server 2012 R2 for DeviceGuard.
function global:Get-CimInstance {
  [CmdletBinding()]
  param([string]$ClassName, [string]$Namespace = 'root/cimv2', [string]$Filter)
  $ns = $Namespace.Replace('\', '/')
  $key = $ns + ':' + $ClassName
  $rows = $HvHost.cim[$key]
  HvCall 'Get-CimInstance' (@($rows).Count)
  # WBEM_E_INVALID_NAMESPACE 0x8004100E / WBEM_E_INVALID_CLASS 0x80041010 (learn.microsoft.com/windows/win32/wmisdk/wmi-error-constants).
  $missing = if ($HvHost.cimMissing) { $HvHost.cimMissing[$key] }
  if ($missing -eq 'namespace') { HvThrow @{ exception = 'CimException'; message = 'Invalid namespace '; hresult = '0x8004100E'; fqid = 'HRESULT 0x8004100e,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand' } }
  if ($missing -eq 'class') { HvThrow @{ exception = 'CimException'; message = 'Invalid class '; hresult = '0x80041010'; fqid = 'HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand' } }
  $shape = $HvCimShapes[$key]
  if (-not $shape) { throw "mock Get-CimInstance: no shape for $key" }
  foreach ($row in @($rows)) {
    if ($null -ne $row -and (HvMatches $row $Filter)) {
      HvObject @("Microsoft.Management.Infrastructure.CimInstance#$ns/$ClassName", 'Microsoft.Management.Infrastructure.CimInstance') $shape $row $key
    }
  }
}

# learn.microsoft.com/powershell/module/cimcmdlets/invoke-cimmethod: the method's out parameters and ReturnValue as
# properties of its result. Only Win32_EncryptableVolume.GetConversionStatus is used
# (learn.microsoft.com/windows/win32/secprov/getconversionstatus-win32-encryptablevolume: ConversionStatus,
# EncryptionPercentage, EncryptionFlags, WipingStatus, WipingPercentage uint32), from $HvHost.conversionStatus[<drive>].
function global:Invoke-CimMethod {
  [CmdletBinding()]
  param($InputObject, [string]$MethodName)
  HvCall 'Invoke-CimMethod'
  if ($MethodName -ne 'GetConversionStatus') { throw "mock Invoke-CimMethod: unsupported method $MethodName" }
  $values = $HvHost.conversionStatus[[string]$InputObject.DriveLetter]
  if ($null -eq $values) { throw "mock Invoke-CimMethod: no conversion status for $($InputObject.DriveLetter)" }
  HvObject @('Microsoft.Management.Infrastructure.CimMethodResult') @{ ReturnValue = 'uint32'; ConversionStatus = 'uint32'; EncryptionPercentage = 'uint32'; EncryptionFlags = 'uint32'; WipingStatus = 'uint32'; WipingPercentage = 'uint32' } $values 'GetConversionStatus'
}

# learn.microsoft.com/powershell/module/cimcmdlets/get-cimassociatedinstance: Win32_GroupUser → Win32_UserAccount.
function global:Get-CimAssociatedInstance {
  [CmdletBinding()]
  param($InputObject, [string]$Association)
  HvCall 'Get-CimAssociatedInstance'
  foreach ($member in @($InputObject.Members)) {
    HvObject @('Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_UserAccount') @{ Domain = 'string'; Name = 'string' } $member 'Win32_UserAccount'
  }
}

# ---- registry and files (the FileSystem and Registry providers, Windows semantics) ----

function HvNotFound([string]$Path) {
  $exception = [Management.Automation.ItemNotFoundException]::new("Cannot find path '$Path' because it does not exist.")
  return [Management.Automation.ErrorRecord]::new($exception, 'PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand', 'ObjectNotFound', $Path)
}

# A registry value the fixture marks unreadable ({"$error": "..."}) fails as the provider does on a corrupt value.
function HvRegValue($Key, [string]$Name, [string]$Path) {
  $value = $Key[$Name]
  if ($value -is [Collections.IDictionary] -and $value.Contains('$error')) { throw [IO.IOException]::new($value['$error']) }
  if ($value -is [long] -and $value -ge [int]::MinValue -and $value -le [int]::MaxValue) { return [int]$value }
  if ($value -is [Collections.IList]) { return [string[]]@($value) }
  return $value
}

# learn.microsoft.com/powershell/module/microsoft.powershell.management/get-itemproperty: a missing key writes
# ItemNotFoundException; a missing value (-Name) writes PSArgumentException "Property X does not exist at path Y".
# A path ending in \* returns one PSCustomObject per subkey with PSPath/PSChildName.
function global:Get-ItemProperty {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Path, [Parameter(Position = 1)][string]$Name)
  foreach ($one in $Path) {
    HvCall 'Get-ItemProperty'
    $keys = if ($one.EndsWith('\*')) {
      $parent = $one.Substring(0, $one.Length - 2) + '\'
      @($HvHost.registry.Keys | Where-Object { $_.StartsWith($parent, 'OrdinalIgnoreCase') -and $_.Substring($parent.Length) -notmatch '\\' } | Sort-Object)
    } else { @($HvHost.registry.Keys | Where-Object { $_ -eq $one }) }
    if ($keys.Count -eq 0) {
      if (-not $one.EndsWith('\*')) { $PSCmdlet.WriteError((HvNotFound $one)) }
      continue
    }
    foreach ($keyPath in $keys) {
      $key = $HvHost.registry[$keyPath]
      if ($Name) {
        if (-not $key.Contains($Name)) {
          $exception = [Management.Automation.PSArgumentException]::new("Property $Name does not exist at path $keyPath.")
          $PSCmdlet.WriteError([Management.Automation.ErrorRecord]::new($exception, 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyCommand', 'InvalidArgument', $Name))
          continue
        }
        $bag = [ordered]@{ $Name = (HvRegValue $key $Name $keyPath) }
      } else {
        $bag = [ordered]@{}
        foreach ($valueName in $key.Keys) { $bag[$valueName] = HvRegValue $key $valueName $keyPath }
      }
      $bag.PSPath = 'Microsoft.PowerShell.Core\Registry::' + $keyPath.Replace('HKLM:', 'HKEY_LOCAL_MACHINE')
      $bag.PSChildName = $keyPath.Split('\')[-1]
      [pscustomobject]$bag
    }
  }
}

# learn.microsoft.com/dotnet/api/microsoft.win32.registrykey (GetValue, GetValueNames, Name, SubKeyCount): what
# Get-ChildItem on a registry path returns, one per subkey.
function global:Get-ChildItem {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath)
  foreach ($one in @($Path) + @($LiteralPath)) {
    if (-not $one) { continue }
    HvCall 'Get-ChildItem'
    if (-not $one.StartsWith('HKLM:')) { throw "mock Get-ChildItem: only HKLM: paths are mocked, not '$one'" }
    # A wildcard in the path (Services\*\Instances) matches keys at that level, as the Registry provider does.
    $pattern = $one.TrimEnd('\')
    $wildcard = $pattern.Contains('*')
    # A key the fixture marks unreadable ({"$denied": "..."}) fails as the Registry provider does without access to it:
    # a non-terminating SecurityException ("Requested registry access is not allowed.", PermissionDenied).
    $denied = $HvHost.registry[$pattern]
    if ($denied -is [Collections.IDictionary] -and $denied.Contains('$denied')) {
      $exception = [Security.SecurityException]::new($denied['$denied'])
      $PSCmdlet.WriteError([Management.Automation.ErrorRecord]::new($exception, 'System.Security.SecurityException,Microsoft.PowerShell.Commands.GetChildItemCommand', 'PermissionDenied', $one))
      continue
    }
    $children = @($HvRegistryKeys | Where-Object {
        $cut = $_.LastIndexOf('\')
        $cut -gt 0 -and $(if ($wildcard) { $_.Substring(0, $cut) -like $pattern } else { $_.Substring(0, $cut) -eq $pattern })
      } | Sort-Object)
    if ($children.Count -eq 0 -and -not $wildcard -and -not ($HvRegistryKeys -contains $pattern)) {
      $PSCmdlet.WriteError((HvNotFound $one))
      continue
    }
    foreach ($keyPath in $children) { HvRegistryKey $keyPath }
  }
}

# Every registry key the fixture implies: the keys it names and their parents (a key with only subkeys exists too).
$global:HvRegistryKeys = @(foreach ($key in $HvHost.registry.Keys) {
    $parts = $key.Split('\')
    for ($i = 2; $i -le $parts.Length; $i++) { $parts[0..($i - 1)] -join '\' }
  }) | Sort-Object -Unique

# A registry key as the Registry provider returns it (learn.microsoft.com/dotnet/api/microsoft.win32.registrykey:
# Name "HKEY_LOCAL_MACHINE\...", GetValue, GetValueNames).
function HvRegistryKey([string]$KeyPath) {
  $values = $HvHost.registry[$KeyPath]
  if ($null -eq $values) { $values = @{} }
  $item = [pscustomobject]@{ Name = $KeyPath.Replace('HKLM:', 'HKEY_LOCAL_MACHINE'); PSChildName = $KeyPath.Split('\')[-1]; HvKey = $values; HvPath = $KeyPath }
  $item.PSObject.TypeNames.Insert(0, 'Microsoft.Win32.RegistryKey')
  $item | Add-Member -MemberType ScriptMethod -Name GetValue -Value { param($n) if (-not $this.HvKey.Contains($n)) { return $null }; HvRegValue $this.HvKey $n $this.HvPath }
  $item | Add-Member -MemberType ScriptMethod -Name GetValueNames -Value { [string[]]@($this.HvKey.Keys) }
  $item
}

# learn.microsoft.com/dotnet/api/system.io.fileinfo and system.diagnostics.fileversioninfo (FileMajorPart…
# FilePrivatePart, CompanyName): what Get-Item returns for a file; a registry path gives its RegistryKey.
function global:Get-Item {
  [CmdletBinding()]
  param([string]$LiteralPath, [Parameter(Position = 0)][string]$Path)
  $target = if ($LiteralPath) { $LiteralPath } else { $Path }
  HvCall 'Get-Item'
  if ($target.StartsWith('HKLM:')) {
    if ($HvRegistryKeys -contains $target) { return HvRegistryKey $target }
    $PSCmdlet.WriteError((HvNotFound $target))
    return
  }
  $file = $HvHost.files[$target]
  if (-not $file) {
    $PSCmdlet.WriteError((HvNotFound $target))
    return
  }
  $parts = ([string]$file.version).Split('.')
  $info = [pscustomobject]@{ FileMajorPart = [int]$parts[0]; FileMinorPart = [int]$parts[1]; FileBuildPart = [int]$parts[2]; FilePrivatePart = [int]$parts[3]; FileVersion = [string]$file.version; CompanyName = [string]$file.company }
  $info.PSObject.TypeNames.Insert(0, 'System.Diagnostics.FileVersionInfo')
  $item = [pscustomobject]@{ FullName = $target; Name = $target.Split('\')[-1]; Length = [long]$file.length; VersionInfo = $info }
  $item.PSObject.TypeNames.Insert(0, 'System.IO.FileInfo')
  $item
}

# learn.microsoft.com/powershell/module/microsoft.powershell.management/get-process (-Module: one
# System.Diagnostics.ProcessModule per loaded image, FileName = its path). A process the fixture lists without modules
# does not exist (ObjectNotFound); {"$error": "..."} fails as opening a protected process does (PermissionDenied).
function global:Get-Process {
  [CmdletBinding()]
  param([int[]]$Id, [switch]$Module)
  foreach ($one in $Id) {
    HvCall 'Get-Process'
    $modules = if ($HvHost.processModules) { $HvHost.processModules["$one"] } else { $null }
    if ($null -eq $modules) {
      $exception = [InvalidOperationException]::new("Cannot find a process with the process identifier $one.")
      $PSCmdlet.WriteError([Management.Automation.ErrorRecord]::new($exception, 'NoProcessFoundForGivenId,Microsoft.PowerShell.Commands.GetProcessCommand', 'ObjectNotFound', $one))
      continue
    }
    if ($modules -is [Collections.IDictionary] -and $modules.Contains('$error')) {
      $exception = [ComponentModel.Win32Exception]::new(5, $modules['$error'])
      $PSCmdlet.WriteError([Management.Automation.ErrorRecord]::new($exception, 'CouldNotEnumerateModules,Microsoft.PowerShell.Commands.GetProcessCommand', 'PermissionDenied', $one))
      continue
    }
    foreach ($path in @($modules)) {
      $item = [pscustomobject]@{ ModuleName = ([string]$path).Split('\')[-1]; FileName = [string]$path }
      $item.PSObject.TypeNames.Insert(0, 'System.Diagnostics.ProcessModule')
      $item
    }
  }
}

# Join-Path with the Windows FileSystem provider's separator (on Linux the real cmdlet rejects the C: drive):
# learn.microsoft.com/powershell/module/microsoft.powershell.management/join-path.
function global:Join-Path {
  param([Parameter(Position = 0)][string]$Path, [Parameter(Position = 1)][string]$ChildPath)
  return $Path.TrimEnd('\') + '\' + $ChildPath.TrimStart('\')
}

# learn.microsoft.com/powershell/module/microsoft.powershell.core/get-module: -ListAvailable lists installed modules.
function global:Get-Module {
  [CmdletBinding()]
  param([switch]$ListAvailable, [string[]]$Name)
  HvCall 'Get-Module'
  foreach ($module in @($HvHost.modules)) {
    if ($Name -contains $module) { $m = [pscustomobject]@{ Name = $module; ModuleType = 'Manifest' }; $m.PSObject.TypeNames.Insert(0, 'System.Management.Automation.PSModuleInfo'); $m }
  }
}

# ---- commands the fixture host may or may not have (absent = not defined, so HasCommand reads false) ----

# Each entry: command name → script block returning the objects (shapes cited beside them).
$global:HvCommands = [ordered]@{}

# learn.microsoft.com/powershell/module/servermanager/get-windowsfeature (Feature: Name, DisplayName, Installed,
# InstallState, FeatureType).
$HvCommands['Get-WindowsFeature'] = {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name)
  $all = @($HvHost.features)
  HvCall 'Get-WindowsFeature' $all.Count
  foreach ($feature in $all) {
    if ($Name -and $Name -notcontains $feature.Name) { continue }
    HvObject @('Microsoft.Windows.ServerManager.Commands.Feature') @{ Name = 'string'; DisplayName = 'string'; Installed = 'bool'; InstallState = 'InstallState'; FeatureType = 'string' } $feature 'Feature'
  }
}

# learn.microsoft.com/powershell/module/microsoft.powershell.localaccounts/get-localgroupmember
$HvCommands['Get-LocalGroupMember'] = {
  [CmdletBinding()]
  param([string]$SID)
  HvCall 'Get-LocalGroupMember'
  $group = @($HvHost.cim['root/cimv2:Win32_Group']) | Where-Object { $_.SID -eq $SID }
  foreach ($member in @($group.Members)) {
    HvObject @('Microsoft.PowerShell.Commands.LocalPrincipal') @{ Name = 'string'; ObjectClass = 'string'; PrincipalSource = 'string' } @{ Name = $member.Domain + '\' + $member.Name; ObjectClass = 'User' } 'LocalPrincipal'
  }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmhost
$HvCommands['Get-VMHost'] = {
  HvCall 'Get-VMHost'
  HvObject @('Microsoft.HyperV.PowerShell.VMHost') @{
    VirtualMachinePath = 'string'; VirtualHardDiskPath = 'string'; VirtualMachineMigrationEnabled = 'bool'
    VirtualMachineMigrationAuthenticationType = 'MigrationAuthenticationType'; UseAnyNetworkForMigration = 'bool'
    MaximumVirtualMachineMigrations = 'uint32'; NumaSpanningEnabled = 'bool'; EnableEnhancedSessionMode = 'bool'
    IovSupport = 'bool'; LogicalProcessorCount = 'int'; MemoryCapacity = 'long'
  } $HvHost.hyperv.vmHost 'VMHost'
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmmigrationnetwork
$HvCommands['Get-VMMigrationNetwork'] = {
  HvCall 'Get-VMMigrationNetwork'
  foreach ($n in @($HvHost.hyperv.migrationNetworks)) { if ($n) { HvObject @('Microsoft.HyperV.PowerShell.VMMigrationNetwork') @{ Subnet = 'string'; Priority = 'uint32' } $n 'VMMigrationNetwork' } }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmreplicationserver (KerberosAuthenticationPort,
# CertificateAuthenticationPort per Set-VMReplicationServer's parameters).
$HvCommands['Get-VMReplicationServer'] = {
  HvCall 'Get-VMReplicationServer'
  HvObject @('Microsoft.HyperV.PowerShell.VMReplicationServer') @{
    ReplicationEnabled = 'bool'; AllowedAuthenticationType = 'ReplicationAuthenticationType'; ReplicationAllowedFromAnyServer = 'bool'
    KerberosAuthenticationPort = 'int'; CertificateAuthenticationPort = 'int'
  } $HvHost.hyperv.replication 'VMReplicationServer'
}

# learn.microsoft.com/powershell/module/secureboot/confirm-securebootuefi
$HvCommands['Confirm-SecureBootUEFI'] = { HvCall 'Confirm-SecureBootUEFI'; [bool]$HvHost.secureBoot }

# learn.microsoft.com/powershell/module/trustedplatformmodule/get-tpm
$HvCommands['Get-Tpm'] = {
  HvCall 'Get-Tpm'
  HvObject @('Microsoft.Tpm.Commands.TpmObject') @{ TpmPresent = 'bool'; TpmReady = 'bool'; TpmEnabled = 'bool'; TpmActivated = 'bool'; TpmOwned = 'bool'; ManufacturerIdTxt = 'string' } $HvHost.tpm 'TpmObject'
}

# learn.microsoft.com/powershell/module/bitlocker/get-bitlockervolume
# A volume the module cannot read is a non-terminating Write-Error ($HvHost.bitlockerErrors), as the BitLocker module
# writes per volume (e.g. "Access is denied" without elevation).
$HvCommands['Get-BitLockerVolume'] = {
  [CmdletBinding()]
  param()
  HvCall 'Get-BitLockerVolume'
  foreach ($e in @($HvHost.bitlockerErrors)) { if ($e) { $PSCmdlet.WriteError([Management.Automation.ErrorRecord]::new([UnauthorizedAccessException]::new($e), 'GetBitLockerVolume', 'PermissionDenied', $null)) } }
  foreach ($v in @($HvHost.bitlocker)) { if ($v) { HvObject @('Microsoft.BitLocker.Structures.BitLockerVolume') @{ MountPoint = 'string'; ProtectionStatus = 'BitLockerVolumeProtectionStatus'; VolumeStatus = 'BitLockerVolumeStatus'; EncryptionPercentage = 'single' } $v 'BitLockerVolume' } }
}

# learn.microsoft.com/powershell/module/defender/get-mpcomputerstatus (MSFT_MpComputerStatus: AMRunningMode
# "Normal" | "Passive Mode" | "EDR Block Mode", AntivirusSignatureLastUpdated DateTime, AntivirusSignatureAge UInt32).
$HvCommands['Get-MpComputerStatus'] = {
  HvCall 'Get-MpComputerStatus'
  HvObject @('Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Defender/MSFT_MpComputerStatus') @{
    AMServiceEnabled = 'bool'; AntivirusEnabled = 'bool'; RealTimeProtectionEnabled = 'bool'; AMRunningMode = 'string'
    AMProductVersion = 'string'; AntivirusSignatureLastUpdated = 'datetime'; AntivirusSignatureAge = 'uint32'; IsTamperProtected = 'bool'
  } $HvHost.defender.status 'MSFT_MpComputerStatus'
}

# learn.microsoft.com/powershell/module/defender/get-mppreference (MSFT_MpPreference)
$HvCommands['Get-MpPreference'] = {
  HvCall 'Get-MpPreference'
  HvObject @('Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Defender/MSFT_MpPreference') @{
    ExclusionPath = 'string[]'; ExclusionProcess = 'string[]'; ExclusionExtension = 'string[]'; DisableAutoExclusions = 'bool'
  } $HvHost.defender.preferences 'MSFT_MpPreference'
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmswitch
# (NetAdapterInterfaceDescriptions and NetAdapterInterfaceGuid, the team members of a SET switch: HyperVDsc Hyper-V.stubs.psm1)
$HvCommands['Get-VMSwitch'] = {
  [CmdletBinding()]
  param([string]$SwitchType)
  HvCall 'Get-VMSwitch' (@($HvHost.hyperv.switches).Count)
  foreach ($s in @($HvHost.hyperv.switches)) {
    if ($s -and (-not $SwitchType -or $s.SwitchType -eq $SwitchType)) {
      HvObject @('Microsoft.HyperV.PowerShell.VMSwitch') @{ Name = 'string'; Id = 'guid'; SwitchType = 'VMSwitchType'; AllowManagementOS = 'bool'; NetAdapterInterfaceDescription = 'string'; NetAdapterInterfaceDescriptions = 'string[]'; NetAdapterInterfaceGuid = 'guid[]'; EmbeddedTeamingEnabled = 'bool'; IovEnabled = 'bool'; Extensions = 'object' } $s 'VMSwitch'
    }
  }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmswitchextension
$HvCommands['Get-VMSwitchExtension'] = {
  [CmdletBinding()]
  param($VMSwitch)
  HvCall 'Get-VMSwitchExtension'
  foreach ($e in @($VMSwitch.Extensions)) { if ($e) { HvObject @('Microsoft.HyperV.PowerShell.VMSwitchExtension') @{ Name = 'string'; Vendor = 'string'; Enabled = 'bool' } $e 'VMSwitchExtension' } }
}

# learn.microsoft.com/powershell/module/nettcpip/get-netipaddress
$HvCommands['Get-NetIPAddress'] = {
  [CmdletBinding()]
  param([string]$InterfaceAlias, [uint32]$InterfaceIndex)
  HvCall 'Get-NetIPAddress'
  foreach ($a in @($HvHost.net.ipAddresses)) {
    $all = -not $InterfaceAlias -and -not $InterfaceIndex
    if ($a -and ($all -or ($InterfaceAlias -and $a.InterfaceAlias -eq $InterfaceAlias) -or ($InterfaceIndex -and $a.InterfaceIndex -eq $InterfaceIndex))) {
      HvObject @('Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetIPAddress') @{ IPAddress = 'string'; InterfaceAlias = 'string'; InterfaceIndex = 'uint32'; AddressFamily = 'string' } $a 'MSFT_NetIPAddress'
    }
  }
}

# learn.microsoft.com/powershell/module/netsecurity/get-netfirewallprofile
$HvCommands['Get-NetFirewallProfile'] = {
  [CmdletBinding()]
  param([string]$PolicyStore)
  HvCall 'Get-NetFirewallProfile'
  foreach ($p in @($HvHost.firewall)) { HvObject @('Microsoft.Management.Infrastructure.CimInstance#root/standardcimv2/MSFT_NetFirewallProfile') @{ Name = 'string'; Enabled = 'GpoBoolean'; DefaultInboundAction = 'FirewallAction'; DefaultOutboundAction = 'FirewallAction' } $p 'MSFT_NetFirewallProfile' }
}

# learn.microsoft.com/powershell/module/smbshare/get-smbserverconfiguration
$HvCommands['Get-SmbServerConfiguration'] = {
  HvCall 'Get-SmbServerConfiguration'
  HvObject @('Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/SMB/MSFT_SmbServerConfiguration') @{
    EnableSMB1Protocol = 'bool'; EnableSMB2Protocol = 'bool'; RequireSecuritySignature = 'bool'; EnableSecuritySignature = 'bool'; EncryptData = 'bool'; AuditSmb1Access = 'bool'
  } $HvHost.smb 'MSFT_SmbServerConfiguration'
}

# learn.microsoft.com/powershell/module/microsoft.wsman.management/get-wsmaninstance: System.Xml.XmlElement per
# resource. A value set by Group Policy carries Source="GPO" ("AllowUnencrypted = false [Source="GPO"]" in
# `winrm get winrm/config`, learn.microsoft.com/windows/win32/winrm/installation-and-configuration-for-windows-remote-management),
# so PowerShell's XML adapter returns that child as an XmlElement with '#text' and Source instead of a string.
function HvWsmanElement([string]$Name, [string]$Namespace, $Values) {
  $xml = [Text.StringBuilder]::new()
  $source = if ($Values.Contains('@Source')) { " Source=`"$($Values['@Source'])`"" } else { '' }
  [void]$xml.Append("<cfg:$Name xmlns:cfg=`"$Namespace`"$source>")
  foreach ($property in $Values.Keys) {
    if ($property -eq '@Source') { continue }
    foreach ($value in @($Values[$property])) {
      if ($value -is [Collections.IDictionary]) {
        [void]$xml.Append("<cfg:$property Source=`"$($value.source)`">$([Security.SecurityElement]::Escape([string]$value.value))</cfg:$property>")
      } else {
        [void]$xml.Append("<cfg:$property>$([Security.SecurityElement]::Escape([string]$value))</cfg:$property>")
      }
    }
  }
  [void]$xml.Append("</cfg:$Name>")
  $document = [xml]$xml.ToString()
  return $document.DocumentElement
}
$HvCommands['Get-WSManInstance'] = {
  [CmdletBinding()]
  param([string]$ResourceURI, [switch]$Enumerate)
  HvCall 'Get-WSManInstance'
  $base = 'http://schemas.microsoft.com/wbem/wsman/1/config'
  switch ($ResourceURI) {
    'winrm/config/service' { HvWsmanElement 'Service' "$base/service" $HvHost.wsman.service }
    'winrm/config/service/auth' { HvWsmanElement 'Auth' "$base/service/auth" $HvHost.wsman.auth }
    'winrm/config/client/auth' { HvWsmanElement 'Auth' "$base/client/auth" $HvHost.wsman.clientAuth }
    'winrm/config/listener' { foreach ($l in @($HvHost.wsman.listeners)) { if ($l) { HvWsmanElement 'Listener' "$base/listener" $l } } }
    default { throw "mock Get-WSManInstance: no resource $ResourceURI" }
  }
}

# learn.microsoft.com/powershell/module/nettcpip/get-nettcpconnection, get-netudpendpoint
$HvCommands['Get-NetTCPConnection'] = {
  [CmdletBinding()]
  param([string]$State)
  HvCall 'Get-NetTCPConnection'
  foreach ($c in @($HvHost.net.tcpListen)) { if ($c) { HvObject @('Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetTCPConnection') @{ LocalAddress = 'string'; LocalPort = 'uint16'; OwningProcess = 'uint32' } $c 'MSFT_NetTCPConnection' } }
}
$HvCommands['Get-NetUDPEndpoint'] = {
  [CmdletBinding()]
  param()
  HvCall 'Get-NetUDPEndpoint'
  foreach ($c in @($HvHost.net.udp)) { if ($c) { HvObject @('Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetUDPEndpoint') @{ LocalAddress = 'string'; LocalPort = 'uint16'; OwningProcess = 'uint32' } $c 'MSFT_NetUDPEndpoint' } }
}

# ---- VMs: learn.microsoft.com/powershell/module/hyper-v/get-vm and the per-VM component cmdlets ----

# VirtualMachine (Get-VM): State VMState, Uptime TimeSpan, VMId Guid, IntegrationServicesVersion Version.
$global:HvVmShape = @{
  Name = 'string'; VMId = 'guid'; Id = 'guid'; State = 'VMState'; Status = 'string'; Generation = 'int'; Version = 'string'
  Uptime = 'timespan'; IntegrationServicesVersion = 'version'; ProcessorCount = 'long'; MemoryStartup = 'long'
  CheckpointType = 'CheckpointType'; ReplicationState = 'VMReplicationState'; ComputerName = 'string'
}
$global:HvVmObjects = $null
function HvVms {
  if ($null -eq $HvVmObjects) {
    $global:HvVmObjects = @(foreach ($vm in @($HvHost.hyperv.vms)) {
        if (-not $vm) { continue }
        $values = [ordered]@{}
        foreach ($name in $vm.Keys) { if (-not $name.StartsWith('_')) { $values[$name] = $vm[$name] } }
        $values.Id = $vm.VMId
        HvObject @('Microsoft.HyperV.PowerShell.VirtualMachine') $HvVmShape $values 'VirtualMachine'
      })
  }
  return $HvVmObjects
}
$global:HvVmIndex = @{}
foreach ($vm in @($HvHost.hyperv.vms)) { if ($vm) { $HvVmIndex[([string]$vm.VMId).ToLowerInvariant()] = $vm } }
function HvVmData($VM) { return $HvVmIndex[([string]$VM.VMId).ToLowerInvariant()] }
# The VMs a component cmdlet was asked about: -VM objects, or -VMName names/wildcards.
# A fixture with failBulk makes any call for several VMs fail, as one VM in a bad state fails the whole call under
# -ErrorAction Stop: the collector must then fall back to per-VM calls.
function HvTargets($VM, [string[]]$VMName) {
  $targets = @()
  if ($VM) { $targets = @($VM) }
  elseif ($VMName) { $targets = @(HvVms | Where-Object { $n = $_.Name; $VMName | Where-Object { $n -like $_ } }) }
  if ($HvHost.failBulk -and $targets.Count -gt 1) {
    HvCall (Get-PSCallStack)[1].Command $targets.Count
    throw [InvalidOperationException]::new('The operation cannot be performed while the virtual machine is in its current state.')
  }
  return $targets
}
# Component objects carry VMName and VMId (VMComponentObject), which is how bulk results join back to their VM.
function HvComponent([string]$Type, [hashtable]$Shape, $Values, $VM) {
  HvObject @("Microsoft.HyperV.PowerShell.$Type") $Shape $Values $Type @{ VMName = [string]$VM.Name; VMId = [guid]$VM.VMId }
}

$HvCommands['Get-VM'] = {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name)
  $vms = @(HvVms)
  HvCall 'Get-VM' $vms.Count
  if ($Name) { $vms | Where-Object { $n = $_.Name; $Name | Where-Object { $n -like $_ } } } else { $vms }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmsnapshot
$HvCommands['Get-VMSnapshot'] = {
  [CmdletBinding()]
  param($VM, [string[]]$VMName)
  $targets = HvTargets $VM $VMName
  HvCall 'Get-VMSnapshot' $targets.Count
  foreach ($t in $targets) { for ($i = 0; $i -lt [int](HvVmData $t)._snapshots; $i++) { HvComponent 'VMSnapshot' @{ Name = 'string' } @{ Name = "Checkpoint $i" } $t } }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmfirmware (generation 2 only; generation 1 writes an error)
$HvCommands['Get-VMFirmware'] = {
  [CmdletBinding()]
  param($VM, [string[]]$VMName)
  $targets = HvTargets $VM $VMName
  HvCall 'Get-VMFirmware' $targets.Count
  foreach ($t in $targets) {
    if ($t.Generation -ne 2) { $PSCmdlet.WriteError([Management.Automation.ErrorRecord]::new([InvalidOperationException]::new("Generation 1 virtual machines do not support the Get-VMFirmware cmdlet."), 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMFirmware', 'InvalidArgument', $t)); continue }
    HvComponent 'VMFirmware' @{ SecureBoot = 'OnOffState'; SecureBootTemplate = 'string' } (HvVmData $t)._firmware $t
  }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmsecurity (Server 2016+)
$HvCommands['Get-VMSecurity'] = {
  [CmdletBinding()]
  param($VM, [string[]]$VMName)
  $targets = HvTargets $VM $VMName
  HvCall 'Get-VMSecurity' $targets.Count
  foreach ($t in $targets) { HvComponent 'VMSecurity' @{ TpmEnabled = 'bool'; Shielded = 'bool' } (HvVmData $t)._security $t }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmprocessor (ExposeVirtualizationExtensions, Server 2016+)
$HvCommands['Get-VMProcessor'] = {
  [CmdletBinding()]
  param($VM, [string[]]$VMName)
  $targets = HvTargets $VM $VMName
  HvCall 'Get-VMProcessor' $targets.Count
  foreach ($t in $targets) { HvComponent 'VMProcessor' @{ Count = 'long'; ExposeVirtualizationExtensions = 'bool' } (HvVmData $t)._processor $t }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmintegrationservice: VMIntegrationComponent, Id
# "Microsoft:<VMId>\<service GUID>", Name localized with the host's UI language (the GUIDs are the Msvm_*Component
# class instance IDs, e.g. Guest Service Interface 6C09BB55-D683-4DA0-8931-C9BF705F6480).
$HvCommands['Get-VMIntegrationService'] = {
  [CmdletBinding()]
  param($VM, [string[]]$VMName)
  $targets = HvTargets $VM $VMName
  HvCall 'Get-VMIntegrationService' ($targets.Count * 6)
  foreach ($t in $targets) {
    foreach ($s in @((HvVmData $t)._integration)) {
      if (-not $s) { continue }
      HvComponent 'VMIntegrationComponent' @{ Name = 'string'; Id = 'string'; Enabled = 'bool'; PrimaryStatusDescription = 'string' } @{ Name = $s.Name; Id = 'Microsoft:' + $t.VMId.ToString().ToUpper() + '\' + $s.Guid; Enabled = $s.Enabled; PrimaryStatusDescription = $s.PrimaryStatusDescription } $t
    }
  }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmassignabledevice (Server 2016+)
$HvCommands['Get-VMAssignableDevice'] = {
  [CmdletBinding()]
  param($VM, [string[]]$VMName)
  $targets = HvTargets $VM $VMName
  HvCall 'Get-VMAssignableDevice' $targets.Count
  foreach ($t in $targets) { foreach ($d in @((HvVmData $t)._assignableDevices)) { if ($d) { HvComponent 'VMAssignedDevice' @{ InstanceID = 'string'; LocationPath = 'string' } $d $t } } }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmnetworkadapter: -VM, -VMName, -ManagementOS or -All
# ("all virtual network adapters in the system, regardless of whether the virtual network adapter is in the management
# operating system or in a virtual machine"). VlanSetting is a VMNetworkAdapterVlanSetting (get-vmnetworkadaptervlan).
# (PortMirroringMode; the VLAN setting's private-VLAN properties: HyperVDsc Hyper-V.stubs.psm1, VMNetworkAdapterVlanSetting.)
$global:HvAdapterShape = @{ Name = 'string'; SwitchName = 'string'; MacAddress = 'string'; MacAddressSpoofing = 'OnOffState'; DhcpGuard = 'OnOffState'; RouterGuard = 'OnOffState'; PortMirroringMode = 'VMNetworkAdapterPortMirroringMode'; IsManagementOs = 'bool'; DeviceId = 'string'; VlanSetting = 'object' }
$global:HvVlanShape = @{
  OperationMode = 'VMNetworkAdapterVlanMode'; AccessVlanId = 'int'; NativeVlanId = 'int'; AllowedVlanIdList = 'int[]'
  PrivateVlanMode = 'VMNetworkAdapterPrivateVlanMode'; PrimaryVlanId = 'int'; SecondaryVlanId = 'int'; SecondaryVlanIdList = 'int[]'
}
function HvAdapter($Values, $VM) {
  $data = [ordered]@{}
  foreach ($k in $Values.Keys) { if ($k -ne 'Vlan') { $data[$k] = $Values[$k] } }
  $data.VlanSetting = HvObject @('Microsoft.HyperV.PowerShell.VMNetworkAdapterVlanSetting') $HvVlanShape $Values.Vlan 'VMNetworkAdapterVlanSetting'
  $data.IsManagementOs = ($null -eq $VM)
  $extra = if ($VM) { @{ VMName = [string]$VM.Name; VMId = [guid]$VM.VMId } } else { @{ VMName = ''; VMId = $null } }
  HvObject @('Microsoft.HyperV.PowerShell.VMNetworkAdapter') $HvAdapterShape $data 'VMNetworkAdapter' $extra
}
$HvCommands['Get-VMNetworkAdapter'] = {
  [CmdletBinding()]
  param($VM, [string[]]$VMName, [switch]$ManagementOS, [switch]$All)
  $targets = if ($All) { HvTargets (HvVms) $null } else { HvTargets $VM $VMName }
  HvCall 'Get-VMNetworkAdapter' ($targets.Count + [int]($All -or $ManagementOS))
  # A VM with _adaptersFailure fails the call, as one VM in a bad state fails a -VM call under -ErrorAction Stop (the
  # InvalidOperationException of failBulk above); asked on its own, only that VM fails.
  foreach ($t in $targets) { $failure = (HvVmData $t)._adaptersFailure; if ($failure) { HvThrow $failure } }
  if ($All -or $ManagementOS) { foreach ($a in @($HvHost.hyperv.hostVnics)) { if ($a) { HvAdapter $a $null } } }
  foreach ($t in $targets) { foreach ($a in @((HvVmData $t)._adapters)) { if ($a) { HvAdapter $a $t } } }
}

# learn.microsoft.com/powershell/module/hyper-v/get-vmnetworkadaptervlan
$HvCommands['Get-VMNetworkAdapterVlan'] = {
  [CmdletBinding()]
  param($VMNetworkAdapter, [switch]$ManagementOS)
  HvCall 'Get-VMNetworkAdapterVlan'
  foreach ($a in @($VMNetworkAdapter)) { $a.VlanSetting }
}

# ---- network adapters, bindings and the UDP port range (NetAdapter and NetTCPIP modules) ----

# learn.microsoft.com/powershell/module/netadapter/get-netadapter: MSFT_NetAdapter (ifIndex uint32, MacAddress
# "00-15-5D-01-0A-01", DeviceID and InterfaceGuid "{GUID}", Virtual bool; learn.microsoft.com/previous-versions/
# windows/desktop/legacy/hh968170(v=vs.85)).
$HvCommands['Get-NetAdapter'] = {
  [CmdletBinding()]
  param([switch]$IncludeHidden, [switch]$Physical)
  HvCall 'Get-NetAdapter' (@($HvHost.net.adapters).Count)
  foreach ($a in @($HvHost.net.adapters)) {
    if ($a) { HvObject @('Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetAdapter') @{ Name = 'string'; InterfaceDescription = 'string'; ifIndex = 'uint32'; MacAddress = 'string'; DeviceID = 'string'; InterfaceGuid = 'string'; Virtual = 'bool' } $a 'MSFT_NetAdapter' }
  }
}

# learn.microsoft.com/powershell/module/netadapter/get-netadapterbinding: MSFT_NetAdapterBindingSettingData (Name is
# the adapter's, ComponentID e.g. ms_tcpip, vms_pp for the Hyper-V Extensible Virtual Switch; -AllBindings adds the
# filters and protocols the Networking tab hides).
$HvCommands['Get-NetAdapterBinding'] = {
  [CmdletBinding()]
  param([string[]]$Name, [switch]$AllBindings, [switch]$IncludeHidden)
  $rows = @(@($HvHost.net.bindings) | Where-Object { $_ -and ($Name -contains $_.Name) -and ($AllBindings -or -not $_.hidden) })
  HvCall 'Get-NetAdapterBinding' $rows.Count
  foreach ($b in $rows) {
    $values = [ordered]@{}
    foreach ($k in $b.Keys) { if ($k -ne 'hidden') { $values[$k] = $b[$k] } }
    HvObject @('Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetAdapterBindingSettingData') @{ Name = 'string'; InterfaceDescription = 'string'; DisplayName = 'string'; ComponentID = 'string'; Enabled = 'bool' } $values 'MSFT_NetAdapterBindingSettingData'
  }
}

# learn.microsoft.com/powershell/module/nettcpip/get-netudpsetting: MSFT_NetUDPSettingData (DynamicPortRangeStartPort,
# DynamicPortRangeNumberOfPorts uint16; default 49152 and 16384).
$HvCommands['Get-NetUDPSetting'] = {
  HvCall 'Get-NetUDPSetting'
  HvObject @('Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetUDPSettingData') @{ DynamicPortRangeStartPort = 'uint16'; DynamicPortRangeNumberOfPorts = 'uint16' } $HvHost.net.udpSetting 'MSFT_NetUDPSettingData'
}

# bcdedit.exe /enum {current} (learn.microsoft.com/windows-hardware/drivers/devtest/bcdedit--enum and bcdedit /set
# hypervisorlaunchtype): "<element>  <value>" lines under a localized header; without elevation it prints "The boot
# configuration data store could not be opened. Access is denied." and exits 1. A function named bcdedit.exe wins
# over the application in PowerShell's lookup.
$HvCommands['bcdedit.exe'] = {
  HvCall 'bcdedit.exe'
  $bcd = $HvHost.bcd
  if ($bcd.denied) {
    $global:LASTEXITCODE = 1
    return 'The boot configuration data store could not be opened.', 'Access is denied.'
  }
  $global:LASTEXITCODE = 0
  $bcd.header
  '-' * ([string]$bcd.header).Length
  foreach ($line in @($bcd.entries)) { $line }
}

foreach ($name in $HvCommands.Keys) {
  if (@($HvHost.absentCommands) -notcontains $name) { Set-Item -Path "function:global:$name" -Value $HvCommands[$name] }
}
