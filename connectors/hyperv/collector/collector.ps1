# hvscan-collector
# Reads a Hyper-V host's facts and prints ONE line: <<HVSCAN:1: + base64(UTF-8 JSON) + :HVSCAN>> (connectors/hyperv/collector/launch.ts).
# Windows PowerShell 4.0 syntax (Server 2012 R2), correct on 5.1 and 7. Read-only: writes no files, changes nothing.
# Each section runs in its own try/catch: a failing section is recorded under "errors" and the others still run.
# Every value is projected to strings, numbers, booleans, ordered dictionaries and @() arrays, so ConvertTo-Json
# behaves the same on every PowerShell version (reference hyperv-collection.md §2).

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$VerbosePreference = 'SilentlyContinue'
if ($PSVersionTable.PSVersion.Major -lt 6) {
  # Windows PowerShell serialises arrays as {"value":[...],"Count":n} while this type data is loaded.
  Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue
}

$R = [ordered]@{}
$R.schemaVersion = 1
$R.collectedAtUtc = [DateTime]::UtcNow.ToString('o')
$R.psVersion = [string]$PSVersionTable.PSVersion
$R.errors = [ordered]@{}
$R.readErrors = [ordered]@{}
$R.timingsMs = [ordered]@{}
$script:Section = $null
# Soft deadline: the launch prepends $HvscanSoftDeadlineSeconds (a share of the host timeout, launch.ts). Sections not
# started by then are skipped and reported, so the frame still arrives, partial, before the scanner gives up.
$script:Clock = [Diagnostics.Stopwatch]::StartNew()
$script:SoftDeadlineMs = $null
if ($HvscanSoftDeadlineSeconds -gt 0) { $script:SoftDeadlineMs = [int64]$HvscanSoftDeadlineSeconds * 1000 }
$R.softDeadlineSeconds = $HvscanSoftDeadlineSeconds

function PastDeadline {
  return ($null -ne $script:SoftDeadlineMs) -and ($script:Clock.ElapsedMilliseconds -ge $script:SoftDeadlineMs)
}

function Add-Section([string]$Name, [scriptblock]$Body) {
  if (PastDeadline) {
    $R[$Name] = $null
    $R.errors[$Name] = [ordered]@{
      message = 'not collected: the collector reached its soft deadline of ' + [string]$HvscanSoftDeadlineSeconds + ' s before this section'
      type = 'SoftDeadline'
      fqid = 'SoftDeadline'
    }
    return
  }
  $watch = [Diagnostics.Stopwatch]::StartNew()
  $script:Section = $Name
  try {
    $R[$Name] = & $Body
  } catch {
    $R[$Name] = $null
    $R.errors[$Name] = [ordered]@{
      message = [string]$_.Exception.Message
      type = [string]$_.Exception.GetType().FullName
      fqid = [string]$_.FullyQualifiedErrorId
    }
  } finally {
    $R.timingsMs[$Name] = [int64]$watch.ElapsedMilliseconds
  }
}

# WSMan values set by Group Policy arrive as an XmlElement (Source="GPO", the value in its '#text') instead of a string:
# every reader unwraps them first.
function Plain($Value) {
  if ($Value -is [System.Xml.XmlElement]) { return $Value.'#text' }
  return $Value
}

function Str($Value) {
  $Value = Plain $Value
  if ($null -eq $Value) { return $null }
  return [string]$Value
}

function Iso($Value) {
  if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('o') }
  return $null
}

# [bool]'False' is $true in PowerShell, and WSMan values are strings: compare text instead.
function Bool($Value) {
  $Value = Plain $Value
  if ($null -eq $Value) { return $null }
  if ($Value -is [string]) { return ($Value -eq 'true') }
  return [bool]$Value
}

# Where a WSMan value came from: 'policy' (Group Policy, Source="GPO") or 'local' (the service's own configuration).
function WsmanSource($Value) {
  if ($null -eq $Value) { return $null }
  if (($Value -is [System.Xml.XmlElement]) -and ($Value.GetAttribute('Source') -eq 'GPO')) { return 'policy' }
  return 'local'
}

# Why something could not be read, under readErrors.<section>.<label>: the parser makes that fact unknown with the
# message instead of reading the gap as "not set" or "none".
function ReadError([string]$Label, [string]$Message) {
  if (-not $R.readErrors.Contains($script:Section)) { $R.readErrors[$script:Section] = [ordered]@{} }
  $R.readErrors[$script:Section][$Label] = $Message
}

# The errors a cmdlet run with -ErrorVariable collected, as one message, or $null. "No objects found" (a CIM filter
# that matched nothing) is an empty answer, not a failure.
function ErrorText($Errors) {
  $messages = @($Errors | Where-Object { $_.CategoryInfo.Category -ne 'ObjectNotFound' } | ForEach-Object { [string]$_.Exception.Message })
  if ($messages.Count -eq 0) { return $null }
  return ($messages -join '; ')
}

# A registry value that does not exist (key or value absent) is $null: not set. Any other failure (access denied) is
# also $null but recorded with ReadError, so the parser reads that value as unknown, not as unset.
function RegValue([string]$Path, [string]$Name, [string]$Label = $Name) {
  try {
    $item = Get-ItemProperty -Path $Path -Name $Name -ErrorAction Stop
  } catch [System.Management.Automation.ItemNotFoundException] {
    return $null
  } catch [System.Management.Automation.PSArgumentException] {
    return $null
  } catch {
    ReadError $Label ('registry value not readable: ' + $Path + '\' + $Name + ': ' + [string]$_.Exception.Message)
    return $null
  }
  if ($null -eq $item) { return $null }
  $value = $item.$Name
  if ($value -is [array]) { return ($value -join ';') }
  return $value
}

function ServiceState([string]$Name) {
  $service = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + $Name + "'")
  if ($null -eq $service) { return $null }
  return [ordered]@{ state = Str $service.State; startMode = Str $service.StartMode }
}

function HasCommand([string]$Name) {
  return [bool](Get-Command -Name $Name -ErrorAction SilentlyContinue)
}

# Get-WindowsFeature (Server SKUs only) once for the whole run: it enumerates every role and feature, which takes
# seconds. $null where the cmdlet does not exist; a failure propagates to the section that asked first.
$script:WindowsFeatureList = $null
function WindowsFeatures {
  if (-not (HasCommand 'Get-WindowsFeature')) { return $null }
  if ($null -eq $script:WindowsFeatureList) { $script:WindowsFeatureList = @(Get-WindowsFeature) }
  return , $script:WindowsFeatureList
}

# The executable file named by a service or driver command line ("C:\x\y.exe" -k, \SystemRoot\..., System32\...).
function ImagePath([string]$Command) {
  if (-not $Command) { return $null }
  $path = $Command.Trim()
  if ($path.StartsWith('"')) {
    $path = $path.Substring(1).Split('"')[0]
  } else {
    $match = [regex]::Match($path, '^(.+?\.(exe|sys|dll))(\s|$)', 'IgnoreCase')
    if ($match.Success) { $path = $match.Groups[1].Value }
  }
  $path = $path -replace '^\\\?\?\\', ''
  $path = $path -replace '^\\SystemRoot\\', ($env:SystemRoot + '\')
  if ($path -match '^(?i)system32\\') { $path = Join-Path -Path $env:SystemRoot -ChildPath $path }
  return $path
}

function FileVersion($Item) {
  $info = $Item.VersionInfo
  return ('{0}.{1}.{2}.{3}' -f $info.FileMajorPart, $info.FileMinorPart, $info.FileBuildPart, $info.FilePrivatePart)
}

function FileEntry([string]$Path) {
  $bytes = $null
  $item = Get-Item -LiteralPath $Path -ErrorAction SilentlyContinue
  if ($null -ne $item) { $bytes = $item.Length }
  return [ordered]@{ path = $Path; bytes = $bytes }
}

# A group that is not there is recorded under readErrors.<section>.<Label> (when given): no members is not "no group".
function GroupMembers([string]$Sid, [string]$Label) {
  $group = Get-CimInstance -ClassName Win32_Group -Filter ("LocalAccount=True AND SID='" + $Sid + "'")
  if ($null -eq $group) {
    if ($Label -ne '') { ReadError $Label ('Win32_Group has no local group with SID ' + $Sid) }
    return
  }
  if (HasCommand 'Get-LocalGroupMember') {
    try {
      return (Get-LocalGroupMember -SID $Sid | ForEach-Object { [string]$_.Name })
    } catch {
      # Orphaned SIDs make Get-LocalGroupMember throw (PowerShell #2996): fall through to WMI.
      $null = $_
    }
  }
  Get-CimAssociatedInstance -InputObject $group -Association Win32_GroupUser | ForEach-Object { [string]$_.Domain + '\' + [string]$_.Name }
}

# The WinRM service's own registry copy of its settings (HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WSMAN):
# it holds only values changed from the defaults, so an absent value is $null (unknown), never a default.
# Listeners are the Listener subkeys named "<address>+<transport>"; no Listener key is no listener, one that could not be
# read is recorded (the listeners are unknown, not none).
function WsmanRegistry {
  $root = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WSMAN'
  $service = $root + '\Service'
  $client = $root + '\Client'
  $listenerKeys = @(Get-ChildItem -Path ($root + '\Listener') -ErrorAction SilentlyContinue -ErrorVariable listenerErrors)
  $unreadable = ErrorText $listenerErrors
  if ($unreadable) { ReadError 'registry.listeners' ('registry key not readable: ' + $root + '\Listener: ' + $unreadable) }
  $listeners = @($listenerKeys | ForEach-Object {
      $name = [string]$_.PSChildName
      $parts = $name.Split('+')
      $port = $null
      $enabled = $null
      try {
        $port = $_.GetValue('Port')
        $enabled = $_.GetValue('enabled')
      } catch { ReadError ('listener:' + $name) ([string]$_.Exception.Message) }
      [ordered]@{ transport = $parts[-1]; address = $parts[0]; port = Str $port; enabled = Bool $enabled; hostname = $null; certificateThumbprint = $null; source = $null }
    })
  [ordered]@{
    source = 'registry'
    listeners = $listeners
    allowUnencrypted = Bool (RegValue $service 'allow_unencrypted' 'registry.allow_unencrypted')
    auth = [ordered]@{
      basic = Bool (RegValue $service 'auth_basic' 'registry.auth_basic')
      kerberos = Bool (RegValue $service 'auth_kerberos' 'registry.auth_kerberos')
      negotiate = Bool (RegValue $service 'auth_negotiate' 'registry.auth_negotiate')
      certificate = Bool (RegValue $service 'auth_certificate' 'registry.auth_certificate')
      credSSP = Bool (RegValue $service 'auth_credssp' 'registry.auth_credssp')
      cbtHardeningLevel = Str (RegValue $service 'cbt_hardening_level' 'registry.cbt_hardening_level')
    }
    clientAuth = [ordered]@{ basic = Bool (RegValue $client 'auth_basic' 'registry.client.auth_basic'); credSSP = Bool (RegValue $client 'auth_credssp' 'registry.client.auth_credssp') }
  }
}

# The values of a registry key (the server lists of CredentialsDelegation policies: "1" = "wsman/*", ...), joined with
# ";", or $null when the key does not exist; read one by one, so one bad value does not hide the others.
function RegValueList([string]$Path, [string]$Label) {
  $key = Get-Item -LiteralPath $Path -ErrorAction SilentlyContinue -ErrorVariable keyErrors
  $unreadable = ErrorText $keyErrors
  if ($unreadable) { ReadError $Label ('registry key not readable: ' + $Path + ': ' + $unreadable); return $null }
  if ($null -eq $key) { return $null }
  $values = @(foreach ($name in $key.GetValueNames()) {
      try { [string]$key.GetValue($name) } catch { ReadError $Label ('registry value not readable: ' + $Path + '\' + $name + ': ' + [string]$_.Exception.Message) }
    })
  return ($values -join ';')
}

# The VLAN setting of a VM or host adapter (Get-VMNetworkAdapterVlan, Microsoft Learn; type VMNetworkAdapterVlanSetting
# in HyperVDsc's Hyper-V.stubs.psm1) added to $Entry: the mode and, per mode, the VLANs the port carries.
function VlanEntry($Vlan, $Entry) {
  $Entry.vlanMode = Str $Vlan.OperationMode
  $Entry.accessVlanId = $Vlan.AccessVlanId
  $Entry.nativeVlanId = $Vlan.NativeVlanId
  $Entry.allowedVlanIds = @(foreach ($id in $Vlan.AllowedVlanIdList) { [int]$id })
  $Entry.privateVlanMode = Str $Vlan.PrivateVlanMode
  $Entry.primaryVlanId = $Vlan.PrimaryVlanId
  $Entry.secondaryVlanIds = @(foreach ($id in @($Vlan.SecondaryVlanIdList) + @($Vlan.SecondaryVlanId)) { if ($null -ne $id -and [int]$id -gt 0) { [int]$id } })
  return $Entry
}

# The Net adapter (Get-NetAdapter) behind a host vNIC: same DeviceId, else same MAC, preferring a virtual adapter.
function NetAdapterOf($Adapters, $Nic) {
  $deviceId = [string]$Nic.DeviceId
  if ($deviceId) {
    foreach ($adapter in $Adapters) { if ([string]$adapter.DeviceID -eq $deviceId) { return $adapter } }
  }
  $mac = ([string]$Nic.MacAddress) -replace '[^0-9A-Fa-f]', ''
  if (-not $mac) { return $null }
  $same = @($Adapters | Where-Object { (([string]$_.MacAddress) -replace '[^0-9A-Fa-f]', '') -eq $mac })
  if ($same.Count -gt 1) { $same = @($same | Where-Object { $_.Virtual }) }
  if ($same.Count -eq 1) { return $same[0] }
  return $null
}

# Integration service names are localized (German "Gastdienstschnittstelle"); the GUID ending the Id
# ("Microsoft:<VMId>\<GUID>") is not, so it is the key (connectors/hyperv/facts/integration-services.ts names it).
function IntegrationEntry($Service) {
  $id = $null
  $match = [regex]::Match((Str $Service.Id), '([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$')
  if ($match.Success) { $id = $match.Groups[1].Value.ToUpperInvariant() }
  return [ordered]@{ name = Str $Service.Name; id = $id; enabled = Bool $Service.Enabled }
}

# Large hosts: each per-VM cmdlet runs once for all VMs (-VM takes VirtualMachine[]; Get-VMNetworkAdapter -All,
# Get-VMIntegrationService -VMName *) and its results are joined back on VMId. $null when the bulk call failed or an
# item carries no VMId: then each VM asks on its own (VmItems), so one VM that fails does not cost the others.
function ByVmId([scriptblock]$Query) {
  try {
    $results = @(& $Query)
  } catch {
    return $null
  }
  $map = @{}
  foreach ($item in $results) {
    if ($null -eq $item.VMId) { return $null }
    $id = [string]$item.VMId
    if (-not $map.ContainsKey($id)) { $map[$id] = New-Object -TypeName System.Collections.ArrayList }
    [void]$map[$id].Add($item)
  }
  return $map
}

# The VM's items from a bulk lookup, or from its own call when there is no lookup.
function VmItems($Lookup, $Vm, [scriptblock]$PerVm) {
  if ($null -eq $Lookup) { return & $PerVm }
  $items = $Lookup[[string]$Vm.VMId]
  if ($null -ne $items) { $items.ToArray() }
}

function VmBulk($Vms) {
  $bulk = @{ snapshots = $null; firmware = $null; security = $null; processors = $null; integration = $null; devices = $null; adapters = $null }
  if ($Vms.Count -eq 0) { return $bulk }
  $generation2 = @($Vms | Where-Object { $_.Generation -eq 2 })
  $bulk.snapshots = ByVmId { Get-VMSnapshot -VM $Vms }
  if ($generation2.Count -gt 0) { $bulk.firmware = ByVmId { Get-VMFirmware -VM $generation2 } }
  if (HasCommand 'Get-VMSecurity') { $bulk.security = ByVmId { Get-VMSecurity -VM $Vms } }
  $bulk.processors = ByVmId { Get-VMProcessor -VM $Vms }
  $bulk.integration = ByVmId { Get-VMIntegrationService -VMName '*' }
  if (HasCommand 'Get-VMAssignableDevice') { $bulk.devices = ByVmId { Get-VMAssignableDevice -VM $Vms } }
  $bulk.adapters = ByVmId { Get-VMNetworkAdapter -All | Where-Object { -not $_.IsManagementOs } }
  return $bulk
}

# One of a VM's reads (it sets fields of the VM's entry): a failure adds "<cmdlet>: <message>" to $Problems, so the VM
# keeps what its other reads found. The block runs in a child scope, so it sets entry fields, never plain variables.
function VmRead([System.Collections.ArrayList]$Problems, [string]$Cmdlet, [scriptblock]$Read) {
  try { $null = & $Read } catch { [void]$Problems.Add($Cmdlet + ': ' + $_.Exception.Message) }
}

function VmEntry($Vm, $Bulk) {
  $entry = [ordered]@{
    name = Str $Vm.Name
    id = Str $Vm.VMId
    state = Str $Vm.State
    status = Str $Vm.Status
    generation = $Vm.Generation
    version = Str $Vm.Version
    uptimeSeconds = [int64]$Vm.Uptime.TotalSeconds
    integrationServicesVersion = Str $Vm.IntegrationServicesVersion
    processorCount = $Vm.ProcessorCount
    memoryStartup = $Vm.MemoryStartup
    checkpointType = Str $Vm.CheckpointType
    replicationState = Str $Vm.ReplicationState
    checkpointCount = $null
    secureBoot = $null
    secureBootTemplate = $null
    tpmEnabled = $null
    shielded = $null
    nested = $null
    assignableDevices = $null
    integration = @()
    adapters = @()
    # Why Get-VMNetworkAdapter failed for this VM: its adapters are then unread, not absent.
    adaptersError = $null
    error = $null
  }
  $problems = New-Object -TypeName System.Collections.ArrayList
  VmRead $problems 'Get-VMSnapshot' { $entry.checkpointCount = @(VmItems $Bulk.snapshots $Vm { Get-VMSnapshot -VM $Vm }).Length }
  if ($Vm.Generation -eq 2) {
    VmRead $problems 'Get-VMFirmware' {
      $firmware = VmItems $Bulk.firmware $Vm { Get-VMFirmware -VM $Vm } | Select-Object -First 1
      $entry.secureBoot = Str $firmware.SecureBoot
      $entry.secureBootTemplate = Str $firmware.SecureBootTemplate
    }
  }
  if (HasCommand 'Get-VMSecurity') {
    VmRead $problems 'Get-VMSecurity' {
      $security = VmItems $Bulk.security $Vm { Get-VMSecurity -VM $Vm } | Select-Object -First 1
      $entry.tpmEnabled = Bool $security.TpmEnabled
      $entry.shielded = Bool $security.Shielded
    }
  }
  VmRead $problems 'Get-VMProcessor' { $entry.nested = Bool (VmItems $Bulk.processors $Vm { Get-VMProcessor -VM $Vm } | Select-Object -First 1).ExposeVirtualizationExtensions }
  VmRead $problems 'Get-VMIntegrationService' {
    $entry.integration = @(VmItems $Bulk.integration $Vm { Get-VMIntegrationService -VM $Vm } | ForEach-Object { IntegrationEntry $_ })
  }
  if (HasCommand 'Get-VMAssignableDevice') {
    VmRead $problems 'Get-VMAssignableDevice' { $entry.assignableDevices = @(VmItems $Bulk.devices $Vm { Get-VMAssignableDevice -VM $Vm }).Length }
  }
  $readBeforeAdapters = $problems.Count
  VmRead $problems 'Get-VMNetworkAdapter' {
    $entry.adapters = @(VmItems $Bulk.adapters $Vm { Get-VMNetworkAdapter -VM $Vm } | ForEach-Object {
        $adapter = [ordered]@{
          switchName = Str $_.SwitchName
          macSpoofing = Str $_.MacAddressSpoofing
          dhcpGuard = Str $_.DhcpGuard
          routerGuard = Str $_.RouterGuard
          portMirroring = Str $_.PortMirroringMode
        }
        VlanEntry $_.VlanSetting $adapter
      })
  }
  # The adapters' own failure, kept apart: that VM's adapters are then unread, not absent.
  if ($problems.Count -gt $readBeforeAdapters) { $entry.adaptersError = $problems[$problems.Count - 1] }
  if ($problems.Count -gt 0) { $entry.error = $problems -join '; ' }
  return $entry
}

# ---- sections (the parser's list lives in connectors/hyperv/collector/document.ts; a test keeps the two in step) ----

Add-Section 'privilege' {
  $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
  $principal = New-Object -TypeName Security.Principal.WindowsPrincipal -ArgumentList $identity
  [ordered]@{
    user = [string]$identity.Name
    isAdmin = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    languageMode = [string]$ExecutionContext.SessionState.LanguageMode
    hyperVModule = [bool](Get-Module -ListAvailable -Name Hyper-V)
  }
}

Add-Section 'os' {
  $os = Get-CimInstance -ClassName Win32_OperatingSystem
  $key = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  # 2012 R2 may lack the UBR value; ntoskrnl.exe's file version carries the patch level there (reference §1.3 A).
  $kernel = Get-Item -LiteralPath (Join-Path -Path $env:SystemRoot -ChildPath 'System32\ntoskrnl.exe') -ErrorAction SilentlyContinue
  $kernelVersion = $null
  if ($null -ne $kernel) { $kernelVersion = FileVersion $kernel }
  [ordered]@{
    caption = Str $os.Caption
    version = Str $os.Version
    buildNumber = Str $os.BuildNumber
    ubr = RegValue $key 'UBR'
    displayVersion = Str (RegValue $key 'DisplayVersion')
    releaseId = Str (RegValue $key 'ReleaseId')
    editionId = Str (RegValue $key 'EditionID')
    installationType = Str (RegValue $key 'InstallationType')
    productType = $os.ProductType
    lastBoot = Iso $os.LastBootUpTime
    installDate = Iso $os.InstallDate
    kernelFileVersion = $kernelVersion
  }
}

Add-Section 'computer' {
  $system = Get-CimInstance -ClassName Win32_ComputerSystem
  $product = Get-CimInstance -ClassName Win32_ComputerSystemProduct
  [ordered]@{
    name = Str $system.DNSHostName
    manufacturer = Str $system.Manufacturer
    model = Str $system.Model
    uuid = Str $product.UUID
    partOfDomain = Bool $system.PartOfDomain
    domain = Str $system.Domain
    domainRole = $system.DomainRole
    workgroup = Str $system.Workgroup
    hypervisorPresent = Bool $system.HypervisorPresent
  }
}

Add-Section 'hypervRole' {
  $source = 'Win32_OptionalFeature'
  $role = $null
  $module = $null
  $features = WindowsFeatures
  if ($null -ne $features) {
    $source = 'Get-WindowsFeature'
    $role = [bool]($features | Where-Object { $_.Name -eq 'Hyper-V' -and $_.Installed })
    $module = [bool]($features | Where-Object { $_.Name -eq 'Hyper-V-PowerShell' -and $_.Installed })
  } else {
    $feature = Get-CimInstance -ClassName Win32_OptionalFeature -Filter "Name='Microsoft-Hyper-V'"
    if ($null -ne $feature) { $role = ($feature.InstallState -eq 1) }
  }
  [ordered]@{
    source = $source
    roleInstalled = $role
    powershellInstalled = $module
    vmms = ServiceState 'vmms'
    vmcompute = ServiceState 'vmcompute'
  }
}

Add-Section 'hypervHost' {
  $vmHost = Get-VMHost
  [ordered]@{
    virtualMachinePath = Str $vmHost.VirtualMachinePath
    virtualHardDiskPath = Str $vmHost.VirtualHardDiskPath
    migrationEnabled = Bool $vmHost.VirtualMachineMigrationEnabled
    migrationAuthenticationType = Str $vmHost.VirtualMachineMigrationAuthenticationType
    useAnyNetworkForMigration = Bool $vmHost.UseAnyNetworkForMigration
    maximumMigrations = $vmHost.MaximumVirtualMachineMigrations
    migrationNetworks = @(Get-VMMigrationNetwork | ForEach-Object { [ordered]@{ subnet = Str $_.Subnet; priority = $_.Priority } })
    numaSpanningEnabled = Bool $vmHost.NumaSpanningEnabled
    enhancedSessionMode = Bool $vmHost.EnableEnhancedSessionMode
    iovSupport = Bool $vmHost.IovSupport
    logicalProcessorCount = $vmHost.LogicalProcessorCount
    memoryCapacity = $vmHost.MemoryCapacity
  }
}

Add-Section 'replica' {
  $server = Get-VMReplicationServer
  [ordered]@{
    enabled = Bool $server.ReplicationEnabled
    authenticationType = Str $server.AllowedAuthenticationType
    allowedFromAnyServer = Bool $server.ReplicationAllowedFromAnyServer
    # VMReplicationServer has KerberosAuthenticationPort (HyperVDsc Hyper-V.stubs.psm1); IntegratedAuthenticationPort
    # does not exist and read as $null.
    kerberosPort = $server.KerberosAuthenticationPort
    certificatePort = $server.CertificateAuthenticationPort
  }
}

# The Ring -1 footprint: the hypervisor image itself (Intel hvix64.exe, AMD hvax64.exe).
Add-Section 'hypervisorBinary' {
  $system32 = Join-Path -Path $env:SystemRoot -ChildPath 'System32'
  $names = @('hvix64.exe', 'hvax64.exe')
  [ordered]@{
    files = @(foreach ($name in $names) {
        $item = Get-Item -LiteralPath (Join-Path -Path $system32 -ChildPath $name) -ErrorAction SilentlyContinue
        if ($null -ne $item) { [ordered]@{ name = $name; path = $item.FullName; version = FileVersion $item; size = $item.Length } }
      })
    searched = @(foreach ($name in $names) { Join-Path -Path $system32 -ChildPath $name })
  }
}

# The footprint measures (docs/footprint.md) need each code image once, with its on-disk size: the kernel images,
# running kernel drivers, running services with their ServiceDll (otherwise every svchost-hosted service collapses into
# svchost.exe), the VM worker image, and every process image (the mapper joins them to the listening section by pid).
function FootprintFile([string]$Path, [hashtable]$Sizes) {
  if (-not $Path) { return $null }
  $key = $Path.ToLowerInvariant()
  if (-not $Sizes.ContainsKey($key)) { $Sizes[$key] = (FileEntry $Path).bytes }
  return [ordered]@{ path = $Path; bytes = $Sizes[$key] }
}

# The DLL svchost loads for a service (REG_EXPAND_SZ, under Parameters or on the service key itself), or $null. An
# absent key or value means no ServiceDll; any other failure is a read error, so the DLL is unknown rather than absent.
function ServiceDll([string]$Name) {
  $service = 'HKLM:\SYSTEM\CurrentControlSet\Services\' + $Name
  foreach ($path in @(($service + '\Parameters'), $service)) {
    $dll = RegValue $path 'ServiceDll' ('serviceDll:' + $Name)
    if ($dll) { return ImagePath ([Environment]::ExpandEnvironmentVariables([string]$dll)) }
  }
  return $null
}

# The code images (DLLs included) loaded by one VM-management process, or a read error: Get-Process -Module needs the
# right to open the process, which an unelevated or protected run lacks.
function ProcessModules($Process, [hashtable]$Sizes) {
  $modules = @(Get-Process -Id ([int]$Process.ProcessId) -Module -ErrorAction SilentlyContinue -ErrorVariable moduleErrors)
  $failed = ErrorText $moduleErrors
  if ($failed) { ReadError ('modules:' + [string]$Process.Name) ('Get-Process -Module failed: ' + $failed) }
  return [ordered]@{
    process = Str $Process.Name
    pid = $Process.ProcessId
    images = @(foreach ($module in $modules) { if ($module.FileName) { FootprintFile ([string]$module.FileName) $Sizes } })
  }
}

# Whether the boot loader starts the hypervisor: hypervisorlaunchtype in the {current} boot entry (bcdedit, Microsoft
# Learn "BCDEdit /set": Auto or Off; absent = not started). bcdedit needs elevation; element names and the Auto/Off
# values are BCD names, not translated text.
Add-Section 'hypervisorLaunch' {
  # stdout only: Windows PowerShell 5.1 would turn redirected stderr into errors, terminating under Stop.
  $global:LASTEXITCODE = 0
  $output = @(& bcdedit.exe /enum '{current}' | ForEach-Object { [string]$_ })
  if ($global:LASTEXITCODE -ne 0) { throw ('bcdedit /enum {current} exited with ' + [string]$global:LASTEXITCODE + ': ' + ($output -join ' ')) }
  $launchType = 'NotSet'
  foreach ($line in $output) {
    $match = [regex]::Match($line, '^\s*hypervisorlaunchtype\s+(\S+)', 'IgnoreCase')
    if ($match.Success) { $launchType = $match.Groups[1].Value }
  }
  [ordered]@{ launchType = $launchType; source = 'bcdedit' }
}

Add-Section 'footprint' {
  $sizes = @{}
  $system32 = Join-Path -Path $env:SystemRoot -ChildPath 'System32'
  $processes = @(Get-CimInstance -ClassName Win32_Process)
  # vmms and vmcompute, and one VM worker: the workers run one binary and load much the same DLLs.
  $managers = @($processes | Where-Object { @('vmms.exe', 'vmcompute.exe') -contains $_.Name })
  $managers += @($processes | Where-Object { $_.Name -eq 'vmwp.exe' } | Select-Object -First 1)
  [ordered]@{
    kernel = @(foreach ($name in @('ntoskrnl.exe', 'hal.dll')) { FootprintFile (Join-Path -Path $system32 -ChildPath $name) $sizes })
    vmWorker = FootprintFile (Join-Path -Path $system32 -ChildPath 'vmwp.exe') $sizes
    drivers = @(Get-CimInstance -ClassName Win32_SystemDriver -Filter "State='Running'" | ForEach-Object {
        [ordered]@{ name = Str $_.Name; image = FootprintFile (ImagePath $_.PathName) $sizes }
      })
    services = @(Get-CimInstance -ClassName Win32_Service -Filter "State='Running'" | ForEach-Object {
        [ordered]@{ name = Str $_.Name; pid = $_.ProcessId; image = FootprintFile (ImagePath $_.PathName) $sizes; serviceDll = FootprintFile (ServiceDll $_.Name) $sizes }
      })
    processes = @($processes | ForEach-Object {
        [ordered]@{ pid = $_.ProcessId; name = Str $_.Name; image = FootprintFile $_.ExecutablePath $sizes }
      })
    vmManagementModules = @(foreach ($process in $managers) { ProcessModules $process $sizes })
  }
}

# HypervisorPresent is true inside any VM too (it reports whatever hypervisor runs beneath this OS). The Windows
# hypervisor's own counter set ("Hyper-V Hypervisor", the hvstats provider) answers only while it runs on this machine.
function WindowsHypervisor {
  $source = 'Win32_PerfFormattedData_HvStats_HyperVHypervisor'
  try {
    $counters = @(Get-CimInstance -ClassName $source)
  } catch {
    return [ordered]@{ running = $false; source = $source; logicalProcessors = $null; detail = [string]$_.Exception.Message }
  }
  $processors = @($counters | ForEach-Object { [int64]$_.LogicalProcessors } | Where-Object { $_ -gt 0 })
  if ($processors.Count -eq 0) { return [ordered]@{ running = $false; source = $source; logicalProcessors = $null; detail = 'no counter instance with logical processors' } }
  [ordered]@{ running = $true; source = $source; logicalProcessors = $processors[0]; detail = $null }
}

# While the hypervisor runs, Win32_Processor's virtualization flags read False (verification.md §7): keep both.
Add-Section 'cpu' {
  $system = Get-CimInstance -ClassName Win32_ComputerSystem
  [ordered]@{
    processors = @(Get-CimInstance -ClassName Win32_Processor | ForEach-Object {
        [ordered]@{
          manufacturer = Str $_.Manufacturer
          name = Str $_.Name
          cores = $_.NumberOfCores
          logicalProcessors = $_.NumberOfLogicalProcessors
          virtualizationFirmwareEnabled = Bool $_.VirtualizationFirmwareEnabled
          vmMonitorModeExtensions = Bool $_.VMMonitorModeExtensions
          slat = Bool $_.SecondLevelAddressTranslationExtensions
          addressWidth = $_.AddressWidth
        }
      })
    hypervisorPresent = Bool $system.HypervisorPresent
    windowsHypervisor = WindowsHypervisor
  }
}

Add-Section 'deviceGuard' {
  $guard = $null
  $reason = $null
  try {
    $guard = Get-CimInstance -Namespace 'root\Microsoft\Windows\DeviceGuard' -ClassName Win32_DeviceGuard
  } catch {
    # "Invalid namespace" before Server 2016.
    $reason = [string]$_.Exception.Message
  }
  if ($null -eq $guard) { return [ordered]@{ available = $false; unavailableReason = $reason } }
  [ordered]@{
    available = $true
    vbsStatus = $guard.VirtualizationBasedSecurityStatus
    servicesConfigured = @(foreach ($code in $guard.SecurityServicesConfigured) { [int]$code })
    servicesRunning = @(foreach ($code in $guard.SecurityServicesRunning) { [int]$code })
    availableProperties = @(foreach ($code in $guard.AvailableSecurityProperties) { [int]$code })
    requiredProperties = @(foreach ($code in $guard.RequiredSecurityProperties) { [int]$code })
    ciPolicyEnforcement = $guard.CodeIntegrityPolicyEnforcementStatus
    umciPolicyEnforcement = $guard.UsermodeCodeIntegrityPolicyEnforcementStatus
    unavailableReason = $null
  }
}

# Confirm-SecureBootUEFI needs elevation and fails on BIOS firmware. Exception types and $env:firmware_type
# ('UEFI' or 'Legacy', Windows 8 and later) decide, never the message text, which Windows localizes.
Add-Section 'secureBoot' {
  $firmwareType = Str $env:firmware_type
  $detail = $null
  try {
    $enabled = Confirm-SecureBootUEFI
    return [ordered]@{ uefi = $true; enabled = [bool]$enabled; source = 'Confirm-SecureBootUEFI'; firmwareTypeEnv = $firmwareType; detail = $null }
  } catch [System.PlatformNotSupportedException] {
    return [ordered]@{ uefi = $false; enabled = $false; source = 'Confirm-SecureBootUEFI'; firmwareTypeEnv = $firmwareType; detail = [string]$_.Exception.Message }
  } catch {
    $detail = [string]$_.Exception.GetType().FullName + ': ' + [string]$_.Exception.Message
  }
  if ($firmwareType -eq 'Legacy') {
    return [ordered]@{ uefi = $false; enabled = $false; source = 'firmware_type'; firmwareTypeEnv = $firmwareType; detail = $detail }
  }
  $state = RegValue 'HKLM:\SYSTEM\CurrentControlSet\Control\SecureBoot\State' 'UEFISecureBootEnabled'
  if ($null -ne $state) {
    return [ordered]@{ uefi = $true; enabled = ($state -eq 1); source = 'registry'; firmwareTypeEnv = $firmwareType; detail = $detail }
  }
  [ordered]@{ uefi = $null; enabled = $null; source = $null; firmwareTypeEnv = $firmwareType; detail = $detail }
}

Add-Section 'tpm' {
  $tpm = Get-Tpm
  $spec = $null
  try {
    $spec = Str (Get-CimInstance -Namespace 'root\cimv2\Security\MicrosoftTpm' -ClassName Win32_Tpm).SpecVersion
  } catch {
    $spec = $null
  }
  [ordered]@{
    present = Bool $tpm.TpmPresent
    ready = Bool $tpm.TpmReady
    enabled = Bool $tpm.TpmEnabled
    activated = Bool $tpm.TpmActivated
    owned = Bool $tpm.TpmOwned
    specVersion = $spec
    manufacturer = Str $tpm.ManufacturerIdTxt
    source = 'Get-Tpm'
  }
}

# The BitLocker WMI provider (root\cimv2\Security\MicrosoftVolumeEncryption) exists only with the BitLocker feature:
# without it no volume can be BitLocker-protected, and the fixed volumes are listed as unprotected. It is looked up
# first because Get-BitLockerVolume answers a missing provider with Write-Error, which the bootstrap's Stop preference
# would turn into a failed section; its errors are collected instead (non-terminating) and make the list unknown.
Add-Section 'bitlocker' {
  $provider = @(Get-CimInstance -Namespace 'root\cimv2\Security' -ClassName '__NAMESPACE' -Filter "Name='MicrosoftVolumeEncryption'" -ErrorAction SilentlyContinue -ErrorVariable namespaceErrors)
  $unreadable = ErrorText $namespaceErrors
  if ($unreadable) {
    ReadError 'provider' ('BitLocker WMI namespace not readable: ' + $unreadable)
    return [ordered]@{ providerPresent = $null; cmdletAvailable = (HasCommand 'Get-BitLockerVolume'); volumes = @() }
  }
  if ($provider.Count -eq 0) {
    return [ordered]@{
      providerPresent = $false
      cmdletAvailable = (HasCommand 'Get-BitLockerVolume')
      volumes = @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=3' | ForEach-Object {
          [ordered]@{ mountPoint = Str $_.DeviceID; protectionStatus = 'Off'; volumeStatus = 'BitLocker feature not installed'; encryptionPercentage = 0 }
        })
    }
  }
  if (HasCommand 'Get-BitLockerVolume') {
    $volumes = @(Get-BitLockerVolume -ErrorAction SilentlyContinue -ErrorVariable volumeErrors | ForEach-Object {
        [ordered]@{
          mountPoint = Str $_.MountPoint
          protectionStatus = Str $_.ProtectionStatus
          volumeStatus = Str $_.VolumeStatus
          encryptionPercentage = $_.EncryptionPercentage
        }
      })
  } else {
    # Server Core without the BitLocker cmdlets: the provider's class itself (ProtectionStatus 0 Off, 1 On, 2 Unknown).
    # Its properties hold no conversion state: ConversionStatus (the VolumeStatus numbering) and EncryptionPercentage
    # are outputs of its GetConversionStatus method (Microsoft Learn, the class and the method), whose failure is
    # recorded per volume (readErrors.bitlocker.conversion:<drive>).
    $volumes = @(Get-CimInstance -Namespace 'root\cimv2\Security\MicrosoftVolumeEncryption' -ClassName Win32_EncryptableVolume -ErrorAction SilentlyContinue -ErrorVariable volumeErrors | ForEach-Object {
        $drive = Str $_.DriveLetter
        $conversion = $null
        try {
          $conversion = Invoke-CimMethod -InputObject $_ -MethodName GetConversionStatus
        } catch {
          ReadError ('conversion:' + $drive) ('GetConversionStatus failed: ' + [string]$_.Exception.Message)
        }
        if (($null -ne $conversion) -and ($conversion.ReturnValue -ne 0)) {
          ReadError ('conversion:' + $drive) ('GetConversionStatus returned ' + [string]$conversion.ReturnValue)
          $conversion = $null
        }
        [ordered]@{ mountPoint = $drive; protectionStatus = $_.ProtectionStatus; volumeStatus = $conversion.ConversionStatus; encryptionPercentage = $conversion.EncryptionPercentage }
      })
  }
  $unreadable = ErrorText $volumeErrors
  if ($unreadable) { ReadError 'volumes' ('BitLocker volumes not readable: ' + $unreadable) }
  [ordered]@{ providerPresent = $true; cmdletAvailable = (HasCommand 'Get-BitLockerVolume'); volumes = $volumes }
}

# Third-party or unsigned PnP drivers (deduplicated by INF and version) and non-Microsoft kernel drivers.
Add-Section 'drivers' {
  $seen = @{}
  $pnp = @(Get-CimInstance -ClassName Win32_PnPSignedDriver | Where-Object { $_.InfName -and (($_.DriverProviderName -ne 'Microsoft') -or (-not $_.IsSigned)) } | ForEach-Object {
      $key = [string]$_.InfName + '|' + [string]$_.DriverVersion
      if (-not $seen.ContainsKey($key)) {
        $seen[$key] = $true
        [ordered]@{
          deviceName = Str $_.DeviceName
          deviceClass = Str $_.DeviceClass
          infName = Str $_.InfName
          version = Str $_.DriverVersion
          date = Iso $_.DriverDate
          provider = Str $_.DriverProviderName
          manufacturer = Str $_.Manufacturer
          signed = Bool $_.IsSigned
          signer = Str $_.Signer
        }
      }
    })
  $kernel = @(Get-CimInstance -ClassName Win32_SystemDriver | ForEach-Object {
      $path = ImagePath $_.PathName
      $company = $null
      $version = $null
      if ($path) {
        $file = Get-Item -LiteralPath $path -ErrorAction SilentlyContinue
        if ($null -ne $file) {
          $company = Str $file.VersionInfo.CompanyName
          $version = FileVersion $file
        }
      }
      if ($company -notmatch '^Microsoft') {
        [ordered]@{
          name = Str $_.Name
          displayName = Str $_.DisplayName
          path = $path
          state = Str $_.State
          startMode = Str $_.StartMode
          serviceType = Str $_.ServiceType
          company = $company
          fileVersion = $version
        }
      }
    })
  [ordered]@{ pnp = $pnp; kernel = $kernel }
}

# File-system minifilters registered with the Filter Manager: services with Instances\<instance>\Altitude (Microsoft
# Learn, "Load order groups and altitudes for minifilter drivers"). They see the I/O of every VHDX on the host's
# volumes. Each key is read on its own, so one unreadable key only marks that filter.
Add-Section 'minifilters' {
  $services = 'HKLM:\SYSTEM\CurrentControlSet\Services'
  # The path names the Instances keys; Get-ChildItem lists what is under them: one key per instance.
  $instances = @(Get-ChildItem -Path ($services + '\*\Instances') -ErrorAction SilentlyContinue -ErrorVariable instanceErrors)
  $unreadable = ErrorText $instanceErrors
  if ($unreadable) { ReadError 'instances' ('Services\*\Instances not readable: ' + $unreadable) }
  $altitudes = [ordered]@{}
  $problems = @{}
  foreach ($instance in $instances) {
    # RegistryKey.Name: "HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\<service>\Instances\<instance>".
    $service = ([string]$instance.Name).Split('\')[-3]
    if (-not $altitudes.Contains($service)) { $altitudes[$service] = @() }
    try { $altitudes[$service] += [string]$instance.GetValue('Altitude') } catch { $problems[$service] = [string]$_.Exception.Message }
  }
  [ordered]@{
    items = @(foreach ($service in $altitudes.Keys) {
        $entry = [ordered]@{ name = $service; altitudes = @($altitudes[$service] | Where-Object { $_ }); imagePath = $null; company = $null; start = $null; error = $problems[$service] }
        try {
          $key = Get-Item -LiteralPath ($services + '\' + $service)
          $entry.imagePath = ImagePath ([string]$key.GetValue('ImagePath'))
          $entry.start = $key.GetValue('Start')
          if ($entry.imagePath) {
            $file = Get-Item -LiteralPath $entry.imagePath -ErrorAction SilentlyContinue
            if ($null -ne $file) { $entry.company = Str $file.VersionInfo.CompanyName }
          }
        } catch { $entry.error = [string]$_.Exception.Message }
        $entry
      })
  }
}

# One value of an Uninstall key; a value that cannot be read is $null, recorded under readErrors.software.<Label>.
function UninstallValue($Key, [string]$Name, [string]$Label) {
  try {
    return $Key.GetValue($Name)
  } catch {
    ReadError $Label ('Uninstall value not readable: ' + [string]$Key.Name + '\' + $Name + ': ' + [string]$_.Exception.Message)
    return $null
  }
}

# A product from its Uninstall key, or nothing for updates, system components and keys without a DisplayName. A
# DisplayName that cannot be read may hide a product, so it makes the whole list unknown ('uninstall'); any other value
# only itself.
function UninstallEntry($Key) {
  $label = 'uninstall:' + [string]$Key.PSChildName
  $name = UninstallValue $Key 'DisplayName' 'uninstall'
  if ((-not $name) -or ((UninstallValue $Key 'SystemComponent' $label) -eq 1) -or (UninstallValue $Key 'ParentKeyName' $label)) { return }
  [ordered]@{
    name = Str $name
    version = Str (UninstallValue $Key 'DisplayVersion' ($label + '\DisplayVersion'))
    publisher = Str (UninstallValue $Key 'Publisher' ($label + '\Publisher'))
    installDate = Str (UninstallValue $Key 'InstallDate' ($label + '\InstallDate'))
    estimatedSizeKb = UninstallValue $Key 'EstimatedSize' ($label + '\EstimatedSize')
  }
}

# Uninstall registry, not Win32_Product (which triggers MSI reconfiguration); updates and system components skipped.
# Each key is read on its own (Get-ChildItem, then .GetValue()): on Windows PowerShell 5.1 one malformed value makes
# Get-ItemProperty over the whole Uninstall\* wildcard throw, which would lose every product.
Add-Section 'software' {
  $roots = @('HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall', 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall')
  $items = @(foreach ($root in $roots) {
      # An unreadable root would drop its products silently: the error makes the list unknown. An absent root
      # (no WOW6432Node on a 32-bit OS) is ObjectNotFound, not an error.
      $keys = @(Get-ChildItem -LiteralPath $root -ErrorAction SilentlyContinue -ErrorVariable uninstallErrors)
      $unreadable = ErrorText $uninstallErrors
      if ($unreadable) { ReadError 'uninstall' ('Uninstall registry keys not readable: ' + $unreadable) }
      foreach ($key in $keys) { UninstallEntry $key }
    })
  [ordered]@{ items = $items }
}

# Agents are recognised from this list in TypeScript (data/agents/windows-services.json is the one list of names).
Add-Section 'services' {
  [ordered]@{
    items = @(Get-CimInstance -ClassName Win32_Service | ForEach-Object {
        [ordered]@{
          name = Str $_.Name
          displayName = Str $_.DisplayName
          state = Str $_.State
          startMode = Str $_.StartMode
          path = Str $_.PathName
          account = Str $_.StartName
          pid = $_.ProcessId
        }
      })
  }
}

# Beside a third-party EDR, Get-MpComputerStatus can fail (0x800106ba) while WinDefend still tells whether Defender runs,
# and ForceDefenderPassiveMode whether it was put in passive mode: both are read even when the cmdlet fails.
Add-Section 'defender' {
  $service = ServiceState 'WinDefend'
  if ((-not (HasCommand 'Get-MpComputerStatus')) -or ($null -eq $service)) { return [ordered]@{ installed = $false } }
  $passivePolicy = RegValue 'HKLM:\SOFTWARE\Policies\Microsoft\Windows Advanced Threat Protection' 'ForceDefenderPassiveMode'
  $status = $null
  $statusError = $null
  try {
    $status = Get-MpComputerStatus
  } catch {
    $statusError = [string]$_.Exception.Message
  }
  $preferences = $null
  $preferencesError = $null
  try {
    $mp = Get-MpPreference
    $preferences = [ordered]@{
      exclusionPath = @(foreach ($entry in $mp.ExclusionPath) { [string]$entry })
      exclusionProcess = @(foreach ($entry in $mp.ExclusionProcess) { [string]$entry })
      exclusionExtension = @(foreach ($entry in $mp.ExclusionExtension) { [string]$entry })
      disableAutoExclusions = Bool $mp.DisableAutoExclusions
    }
  } catch {
    $preferencesError = [string]$_.Exception.Message
  }
  [ordered]@{
    installed = $true
    serviceState = $service.state
    serviceStartMode = $service.startMode
    passiveModePolicy = $passivePolicy
    statusError = $statusError
    amServiceEnabled = Bool $status.AMServiceEnabled
    antivirusEnabled = Bool $status.AntivirusEnabled
    realTimeProtection = Bool $status.RealTimeProtectionEnabled
    runningMode = Str $status.AMRunningMode
    productVersion = Str $status.AMProductVersion
    signatureLastUpdated = Iso $status.AntivirusSignatureLastUpdated
    signatureAgeDays = $status.AntivirusSignatureAge
    tamperProtected = Bool $status.IsTamperProtected
    preferences = $preferences
    preferencesError = $preferencesError
  }
}

Add-Section 'features' {
  $features = WindowsFeatures
  if ($null -ne $features) {
    return [ordered]@{
      source = 'Get-WindowsFeature'
      items = @($features | Where-Object { $_.Installed } | ForEach-Object {
          [ordered]@{ name = Str $_.Name; displayName = Str $_.DisplayName; type = Str $_.FeatureType; installState = Str $_.InstallState }
        })
    }
  }
  [ordered]@{
    source = 'Win32_OptionalFeature'
    items = @(Get-CimInstance -ClassName Win32_OptionalFeature -Filter 'InstallState=1' | ForEach-Object {
        [ordered]@{ name = Str $_.Name; displayName = Str $_.Caption; type = 'Feature'; installState = 'Installed' }
      })
  }
}

Add-Section 'switches' {
  [ordered]@{
    items = @(Get-VMSwitch | ForEach-Object {
        $switch = $_
        $extensions = @(Get-VMSwitchExtension -VMSwitch $switch -ErrorAction SilentlyContinue -ErrorVariable extensionErrors | ForEach-Object {
            [ordered]@{ name = Str $_.Name; vendor = Str $_.Vendor; enabled = Bool $_.Enabled }
          })
        $unreadable = ErrorText $extensionErrors
        if ($unreadable) { ReadError ('extensions:' + [string]$switch.Name) ('Get-VMSwitchExtension failed on switch ' + [string]$switch.Name + ': ' + $unreadable) }
        [ordered]@{
          name = Str $switch.Name
          switchType = Str $switch.SwitchType
          allowManagementOS = Bool $switch.AllowManagementOS
          netAdapterDescription = Str $switch.NetAdapterInterfaceDescription
          embeddedTeaming = Bool $switch.EmbeddedTeamingEnabled
          iovEnabled = Bool $switch.IovEnabled
          extensions = $extensions
        }
      })
  }
}

# A host vNIC's IP addresses: its Net adapter is found by DeviceId, else by MAC (a vNIC of an external switch may share
# its MAC with the physical NIC, so among several the virtual one), then Get-NetIPAddress by ifIndex. The alias
# "vEthernet (<name>)" is not used: admins rename it.
Add-Section 'hostVnics' {
  $netAdapters = @(Get-NetAdapter -IncludeHidden -ErrorAction SilentlyContinue -ErrorVariable adapterErrors)
  $addresses = @(Get-NetIPAddress -ErrorAction SilentlyContinue -ErrorVariable addressErrors)
  $adapterError = ErrorText $adapterErrors
  $addressError = ErrorText $addressErrors
  if ($adapterError) { ReadError 'ips' ('Get-NetAdapter failed: ' + $adapterError) }
  if ($addressError) { ReadError 'ips' ('Get-NetIPAddress failed: ' + $addressError) }
  [ordered]@{
    items = @(Get-VMNetworkAdapter -ManagementOS | ForEach-Object {
        $nic = $_
        # One vNIC whose VLAN setting cannot be read loses only that (its membership is then unknown), not the section.
        $vlan = $null
        try {
          $vlan = Get-VMNetworkAdapterVlan -VMNetworkAdapter $nic -ErrorAction Stop
        } catch {
          ReadError ('vlan:' + [string]$nic.Name) ('Get-VMNetworkAdapterVlan failed for host vNIC ' + [string]$nic.Name + ': ' + [string]$_.Exception.Message)
        }
        $adapter = NetAdapterOf $netAdapters $nic
        $ifIndex = $null
        if ($null -ne $adapter) { $ifIndex = [int]$adapter.ifIndex }
        $entry = [ordered]@{
          name = Str $nic.Name
          switchName = Str $nic.SwitchName
          mac = Str $nic.MacAddress
          deviceId = Str $nic.DeviceId
          ifIndex = $ifIndex
          ifAlias = $null
          ips = @(foreach ($address in $addresses) { if ($null -ne $ifIndex -and [int]$address.InterfaceIndex -eq $ifIndex) { [string]$address.IPAddress } })
        }
        if ($null -ne $adapter) { $entry.ifAlias = Str $adapter.Name }
        VlanEntry $vlan $entry
      })
  }
}

# NDIS filters and protocols bound to the physical NICs of external switches (Get-NetAdapterBinding, Microsoft Learn):
# a lightweight filter there sees every VM frame before the virtual switch does. Microsoft's components are left to
# the parser (data/hyperv/ndis-microsoft-components.json), so the collector reports every enabled binding.
Add-Section 'netFilters' {
  # Not -Physical: an LBFO team's multiplexor adapter is what an external switch binds to there.
  $netAdapters = @(Get-NetAdapter -ErrorAction SilentlyContinue -ErrorVariable adapterErrors)
  $unreadable = ErrorText $adapterErrors
  if ($unreadable) { ReadError 'adapters' ('Get-NetAdapter failed: ' + $unreadable) }
  [ordered]@{
    items = @(foreach ($switch in @(Get-VMSwitch -SwitchType External)) {
        $guids = @(foreach ($guid in @($switch.NetAdapterInterfaceGuid)) { if ($null -ne $guid) { ([string]$guid).Trim('{}').ToLowerInvariant() } })
        $descriptions = @(@($switch.NetAdapterInterfaceDescriptions) + @($switch.NetAdapterInterfaceDescription) | Where-Object { $_ })
        foreach ($adapter in $netAdapters) {
          $guid = ([string]$adapter.InterfaceGuid).Trim('{}').ToLowerInvariant()
          if (($guids -contains $guid) -or ($descriptions -contains [string]$adapter.InterfaceDescription)) {
            [ordered]@{
              switchName = Str $switch.Name
              adapter = Str $adapter.Name
              description = Str $adapter.InterfaceDescription
              bindings = @(Get-NetAdapterBinding -Name $adapter.Name -AllBindings -IncludeHidden | Where-Object { $_.Enabled } | ForEach-Object {
                  [ordered]@{ componentId = Str $_.ComponentID; displayName = Str $_.DisplayName }
                })
            }
          }
        }
      })
  }
}

# ActiveStore = the effective (GPO-merged) profile settings.
Add-Section 'firewall' {
  [ordered]@{
    profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object {
        [ordered]@{
          name = Str $_.Name
          enabled = Str $_.Enabled
          defaultInboundAction = Str $_.DefaultInboundAction
          defaultOutboundAction = Str $_.DefaultOutboundAction
        }
      })
  }
}

# Group policy values win over the local ones when set.
Add-Section 'rdp' {
  $local = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server'
  $tcp = $local + '\WinStations\RDP-Tcp'
  $policy = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
  $deny = RegValue $policy 'fDenyTSConnections'
  if ($null -eq $deny) { $deny = RegValue $local 'fDenyTSConnections' }
  $nla = RegValue $policy 'UserAuthentication'
  if ($null -eq $nla) { $nla = RegValue $tcp 'UserAuthentication' }
  $layer = RegValue $policy 'SecurityLayer'
  if ($null -eq $layer) { $layer = RegValue $tcp 'SecurityLayer' }
  [ordered]@{ denyConnections = $deny; userAuthentication = $nla; port = RegValue $tcp 'PortNumber'; securityLayer = $layer }
}

Add-Section 'smb' {
  $config = Get-SmbServerConfiguration
  [ordered]@{
    enableSMB1 = Bool $config.EnableSMB1Protocol
    enableSMB2 = Bool $config.EnableSMB2Protocol
    requireSigning = Bool $config.RequireSecuritySignature
    enableSigning = Bool $config.EnableSecuritySignature
    encryptData = Bool $config.EncryptData
    auditSmb1Access = Bool $config.AuditSmb1Access
  }
}

# WinRM settings through WSMan; Get-WSManInstance to localhost fails when the session has no credentials WinRM can use
# (SSH key authentication), and then the service's registry copy of its non-default settings is read instead. Group
# Policy values (HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service and \Client) win over both.
Add-Section 'winrm' {
  $service = ServiceState 'WinRM'
  $state = $null
  if ($null -ne $service) { $state = $service.state }
  $gpo = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service'
  $clientGpo = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client'
  $policy = [ordered]@{
    allowBasic = Bool (RegValue $gpo 'AllowBasic')
    allowUnencrypted = Bool (RegValue $gpo 'AllowUnencryptedTraffic')
    allowCredSSP = Bool (RegValue $gpo 'AllowCredSSP')
    # "Allow remote server management through WinRM": a listener made by policy, which only WSMan reports.
    allowAutoConfig = Bool (RegValue $gpo 'AllowAutoConfig')
    clientAllowCredSSP = Bool (RegValue $clientGpo 'AllowCredSSP' 'Client.AllowCredSSP')
  }
  if ($state -ne 'Running') { return [ordered]@{ serviceState = $state; source = $null; listeners = @(); allowUnencrypted = $null; auth = $null; clientAuth = $null; policy = $policy } }
  try {
    $config = Get-WSManInstance -ResourceURI 'winrm/config/service'
    $auth = Get-WSManInstance -ResourceURI 'winrm/config/service/auth'
    $clientAuth = Get-WSManInstance -ResourceURI 'winrm/config/client/auth'
    $settings = [ordered]@{
      source = 'WSMan'
      listeners = @(Get-WSManInstance -ResourceURI 'winrm/config/listener' -Enumerate | ForEach-Object {
          [ordered]@{
            transport = Str $_.Transport
            address = Str $_.Address
            port = Str $_.Port
            enabled = Bool $_.Enabled
            hostname = Str $_.Hostname
            certificateThumbprint = Str $_.CertificateThumbprint
            source = WsmanSource $_
          }
        })
      allowUnencrypted = Bool $config.AllowUnencrypted
      auth = [ordered]@{
        basic = Bool $auth.Basic
        kerberos = Bool $auth.Kerberos
        negotiate = Bool $auth.Negotiate
        certificate = Bool $auth.Certificate
        credSSP = Bool $auth.CredSSP
        cbtHardeningLevel = Str $auth.CbtHardeningLevel
      }
      clientAuth = [ordered]@{ basic = Bool $clientAuth.Basic; credSSP = Bool $clientAuth.CredSSP }
      sources = [ordered]@{
        AllowUnencrypted = WsmanSource $config.AllowUnencrypted
        'Auth/Basic' = WsmanSource $auth.Basic
        'Auth/Kerberos' = WsmanSource $auth.Kerberos
        'Auth/Negotiate' = WsmanSource $auth.Negotiate
        'Auth/Certificate' = WsmanSource $auth.Certificate
        'Auth/CredSSP' = WsmanSource $auth.CredSSP
        'Auth/CbtHardeningLevel' = WsmanSource $auth.CbtHardeningLevel
        'Client/Auth/CredSSP' = WsmanSource $clientAuth.CredSSP
      }
    }
  } catch {
    ReadError 'wsman' ('Get-WSManInstance failed (registry read instead): ' + [string]$_.Exception.Message)
    $settings = WsmanRegistry
  }
  [ordered]@{
    serviceState = $state
    source = $settings.source
    listeners = $settings.listeners
    allowUnencrypted = $settings.allowUnencrypted
    auth = $settings.auth
    clientAuth = $settings.clientAuth
    sources = $settings.sources
    policy = $policy
  }
}

Add-Section 'sshd' {
  $service = ServiceState 'sshd'
  $state = $null
  $startMode = $null
  if ($null -ne $service) {
    $state = $service.state
    $startMode = $service.startMode
  }
  [ordered]@{
    installed = ($null -ne $service)
    state = $state
    startMode = $startMode
    defaultShell = Str (RegValue 'HKLM:\SOFTWARE\OpenSSH' 'DefaultShell')
  }
}

# Listening TCP ports and bound UDP endpoints with the owning process and the services it hosts. A UDP socket bound only
# to send gets a port from the dynamic range (MIB_UDPROW_OWNER_PID remarks, Microsoft Learn): the range is reported so
# the parser can tell those from listeners.
Add-Section 'listening' {
  $processes = @{}
  foreach ($process in @(Get-CimInstance -ClassName Win32_Process)) { $processes[[int]$process.ProcessId] = [string]$process.Name }
  $hosted = @{}
  foreach ($service in @(Get-CimInstance -ClassName Win32_Service -Filter 'ProcessId<>0')) {
    $id = [int]$service.ProcessId
    if ($hosted.ContainsKey($id)) { $hosted[$id] = $hosted[$id] + ',' + [string]$service.Name } else { $hosted[$id] = [string]$service.Name }
  }
  # No listener is not an error; a failed enumeration is (the list would read as "nothing listens").
  $endpoints = @(Get-NetTCPConnection -State Listen -ErrorAction SilentlyContinue -ErrorVariable tcpErrors | ForEach-Object { [pscustomobject]@{ address = $_.LocalAddress; port = $_.LocalPort; protocol = 'tcp'; owner = $_.OwningProcess } })
  $endpoints += @(Get-NetUDPEndpoint -ErrorAction SilentlyContinue -ErrorVariable udpErrors | ForEach-Object { [pscustomobject]@{ address = $_.LocalAddress; port = $_.LocalPort; protocol = 'udp'; owner = $_.OwningProcess } })
  $tcpError = ErrorText $tcpErrors
  $udpError = ErrorText $udpErrors
  if ($tcpError) { ReadError 'tcp' ('Get-NetTCPConnection failed: ' + $tcpError) }
  if ($udpError) { ReadError 'udp' ('Get-NetUDPEndpoint failed: ' + $udpError) }
  $udpDynamic = $null
  try {
    $setting = @(Get-NetUDPSetting)[0]
    $udpDynamic = [ordered]@{ start = [int]$setting.DynamicPortRangeStartPort; count = [int]$setting.DynamicPortRangeNumberOfPorts }
  } catch {
    ReadError 'udpDynamicPorts' ('Get-NetUDPSetting failed: ' + [string]$_.Exception.Message)
  }
  $seen = @{}
  [ordered]@{
    udpDynamicPorts = $udpDynamic
    items = @(foreach ($endpoint in $endpoints) {
        $key = [string]$endpoint.protocol + '|' + [string]$endpoint.address + '|' + [string]$endpoint.port
        if (-not $seen.ContainsKey($key)) {
          $seen[$key] = $true
          $owner = [int]$endpoint.owner
          [ordered]@{
            address = [string]$endpoint.address
            port = [int]$endpoint.port
            protocol = $endpoint.protocol
            pid = $owner
            process = $processes[$owner]
            service = $hosted[$owner]
          }
        }
      })
  }
}

# Built-in groups by SID, so localised group names do not matter.
Add-Section 'groups' {
  $method = 'Win32_GroupUser'
  if (HasCommand 'Get-LocalGroupMember') { $method = 'Get-LocalGroupMember' }
  [ordered]@{
    method = $method
    administrators = @(GroupMembers 'S-1-5-32-544')
    hypervAdministrators = @(GroupMembers 'S-1-5-32-578')
    remoteManagementUsers = @(GroupMembers 'S-1-5-32-580' 'remoteManagementUsers')
    remoteDesktopUsers = @(GroupMembers 'S-1-5-32-555')
  }
}

# Security settings by stable name; null = value not set (the Windows default applies). A value that could not be read
# is recorded under readErrors.settings by that name.
Add-Section 'settings' {
  $lsa = 'HKLM:\SYSTEM\CurrentControlSet\Control\Lsa'
  $system = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System'
  $guard = 'HKLM:\SYSTEM\CurrentControlSet\Control\DeviceGuard'
  $values = [ordered]@{}
  $values['LmCompatibilityLevel'] = RegValue $lsa 'LmCompatibilityLevel'
  $values['NoLMHash'] = RegValue $lsa 'NoLMHash'
  $values['RestrictAnonymous'] = RegValue $lsa 'RestrictAnonymous'
  $values['RunAsPPL'] = RegValue $lsa 'RunAsPPL'
  $values['LsaCfgFlags'] = RegValue $lsa 'LsaCfgFlags'
  $values['WDigest.UseLogonCredential'] = RegValue 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\WDigest' 'UseLogonCredential' 'WDigest.UseLogonCredential'
  $values['CredSSP.AllowEncryptionOracle'] = RegValue ($system + '\CredSSP\Parameters') 'AllowEncryptionOracle' 'CredSSP.AllowEncryptionOracle'
  $delegation = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
  $values['CredSSP.AllowFreshCredentials'] = RegValue $delegation 'AllowFreshCredentials' 'CredSSP.AllowFreshCredentials'
  $values['CredSSP.AllowFreshCredentials.Servers'] = RegValueList ($delegation + '\AllowFreshCredentials') 'CredSSP.AllowFreshCredentials.Servers'
  # Fresh credentials to servers that authenticated only with NTLM, i.e. not authenticated at all (gpedit: "Allow
  # delegating fresh credentials with NTLM-only server authentication").
  $values['CredSSP.AllowFreshCredentialsWhenNTLMOnly'] = RegValue $delegation 'AllowFreshCredentialsWhenNTLMOnly' 'CredSSP.AllowFreshCredentialsWhenNTLMOnly'
  $values['CredSSP.AllowFreshCredentialsWhenNTLMOnly.Servers'] = RegValueList ($delegation + '\AllowFreshCredentialsWhenNTLMOnly') 'CredSSP.AllowFreshCredentialsWhenNTLMOnly.Servers'
  $values['LocalAccountTokenFilterPolicy'] = RegValue $system 'LocalAccountTokenFilterPolicy'
  $values['EnableLUA'] = RegValue $system 'EnableLUA'
  $values['SMBClient.RequireSecuritySignature'] = RegValue 'HKLM:\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters' 'RequireSecuritySignature' 'SMBClient.RequireSecuritySignature'
  $values['SMBServer.RequireSecuritySignature'] = RegValue 'HKLM:\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters' 'RequireSecuritySignature' 'SMBServer.RequireSecuritySignature'
  $values['DeviceGuard.EnableVirtualizationBasedSecurity'] = RegValue $guard 'EnableVirtualizationBasedSecurity' 'DeviceGuard.EnableVirtualizationBasedSecurity'
  $values['DeviceGuard.RequirePlatformSecurityFeatures'] = RegValue $guard 'RequirePlatformSecurityFeatures' 'DeviceGuard.RequirePlatformSecurityFeatures'
  $values['HVCI.Enabled'] = RegValue ($guard + '\Scenarios\HypervisorEnforcedCodeIntegrity') 'Enabled' 'HVCI.Enabled'
  $values['HVCI.Locked'] = RegValue ($guard + '\Scenarios\HypervisorEnforcedCodeIntegrity') 'Locked' 'HVCI.Locked'
  [ordered]@{ values = $values }
}

# Per-VM work is fail-soft (inside VmEntry and around it): a VM deleted mid-scan or a cmdlet missing on 2012 R2 only
# marks that VM.
Add-Section 'vms' {
  $vms = @(Get-VM)
  $bulk = VmBulk $vms
  $done = 0
  $items = @(foreach ($vm in $vms) {
      if (PastDeadline) {
        ReadError 'deadline' ('soft deadline of ' + [string]$HvscanSoftDeadlineSeconds + ' s reached after ' + $done + ' of ' + $vms.Count + ' VMs')
        break
      }
      $done++
      try { VmEntry $vm $bulk } catch { [ordered]@{ name = Str $vm.Name; error = [string]$_.Exception.Message } }
    })
  [ordered]@{ items = $items }
}

# ---- output: exactly one framed line, then exit 0 (the frame, not the exit code, tells success) ----
try {
  $json = ConvertTo-Json -InputObject $R -Depth 10 -Compress
} catch {
  $fallback = [ordered]@{
    schemaVersion = 1
    collectedAtUtc = $R.collectedAtUtc
    psVersion = $R.psVersion
    errors = [ordered]@{ document = [ordered]@{ message = [string]$_.Exception.Message; type = [string]$_.Exception.GetType().FullName; fqid = 'ConvertTo-Json' } }
    timingsMs = $R.timingsMs
  }
  $json = ConvertTo-Json -InputObject $fallback -Depth 5 -Compress
}
[Console]::Out.Write("`r`n<<HVSCAN:1:" + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json)) + ":HVSCAN>>`r`n")
exit 0
