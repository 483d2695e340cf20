# hvscan-collector
# Reads a Hyper-V host's facts and prints ONE line: <<HVSCAN:1: + base64(UTF-8 JSON) + :HVSCAN>> (connectors/hyperv/launch.ts).
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

function Add-Section([string]$Name, [scriptblock]$Body) {
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

function Str($Value) {
  if ($null -eq $Value) { return $null }
  return [string]$Value
}

function Iso($Value) {
  if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('o') }
  return $null
}

# [bool]'False' is $true in PowerShell, and WSMan values are strings: compare text instead.
function Bool($Value) {
  if ($null -eq $Value) { return $null }
  if ($Value -is [string]) { return ($Value -eq 'true') }
  return [bool]$Value
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

function GroupMembers([string]$Sid) {
  $group = Get-CimInstance -ClassName Win32_Group -Filter ("LocalAccount=True AND SID='" + $Sid + "'")
  if ($null -eq $group) { return }
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

function VmEntry($Vm) {
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
    error = $null
  }
  $problems = @()
  try { $entry.checkpointCount = @(Get-VMSnapshot -VM $Vm).Length } catch { $problems += 'Get-VMSnapshot: ' + $_.Exception.Message }
  if ($Vm.Generation -eq 2) {
    try {
      $firmware = Get-VMFirmware -VM $Vm
      $entry.secureBoot = Str $firmware.SecureBoot
      $entry.secureBootTemplate = Str $firmware.SecureBootTemplate
    } catch { $problems += 'Get-VMFirmware: ' + $_.Exception.Message }
  }
  if (HasCommand 'Get-VMSecurity') {
    try {
      $security = Get-VMSecurity -VM $Vm
      $entry.tpmEnabled = Bool $security.TpmEnabled
      $entry.shielded = Bool $security.Shielded
    } catch { $problems += 'Get-VMSecurity: ' + $_.Exception.Message }
  }
  try { $entry.nested = Bool (Get-VMProcessor -VM $Vm).ExposeVirtualizationExtensions } catch { $problems += 'Get-VMProcessor: ' + $_.Exception.Message }
  try {
    $entry.integration = @(Get-VMIntegrationService -VM $Vm | ForEach-Object { [ordered]@{ name = Str $_.Name; enabled = Bool $_.Enabled } })
  } catch { $problems += 'Get-VMIntegrationService: ' + $_.Exception.Message }
  if (HasCommand 'Get-VMAssignableDevice') {
    try { $entry.assignableDevices = @(Get-VMAssignableDevice -VM $Vm).Length } catch { $problems += 'Get-VMAssignableDevice: ' + $_.Exception.Message }
  }
  try {
    $entry.adapters = @(Get-VMNetworkAdapter -VM $Vm | ForEach-Object {
        $vlan = $_.VlanSetting
        [ordered]@{
          switchName = Str $_.SwitchName
          macSpoofing = Str $_.MacAddressSpoofing
          dhcpGuard = Str $_.DhcpGuard
          routerGuard = Str $_.RouterGuard
          vlanMode = Str $vlan.OperationMode
          vlanId = $vlan.AccessVlanId
        }
      })
  } catch { $problems += 'Get-VMNetworkAdapter: ' + $_.Exception.Message }
  if ($problems.Length -gt 0) { $entry.error = $problems -join '; ' }
  return $entry
}

# ---- sections (the parser's list lives in connectors/hyperv/document.ts; a test keeps the two in step) ----

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
  if (HasCommand 'Get-WindowsFeature') {
    $source = 'Get-WindowsFeature'
    $role = [bool](Get-WindowsFeature -Name 'Hyper-V').Installed
    $module = [bool](Get-WindowsFeature -Name 'Hyper-V-PowerShell').Installed
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
    integratedPort = $server.IntegratedAuthenticationPort
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

Add-Section 'footprint' {
  $sizes = @{}
  $system32 = Join-Path -Path $env:SystemRoot -ChildPath 'System32'
  [ordered]@{
    kernel = @(foreach ($name in @('ntoskrnl.exe', 'hal.dll')) { FootprintFile (Join-Path -Path $system32 -ChildPath $name) $sizes })
    vmWorker = FootprintFile (Join-Path -Path $system32 -ChildPath 'vmwp.exe') $sizes
    drivers = @(Get-CimInstance -ClassName Win32_SystemDriver -Filter "State='Running'" | ForEach-Object {
        [ordered]@{ name = Str $_.Name; image = FootprintFile (ImagePath $_.PathName) $sizes }
      })
    services = @(Get-CimInstance -ClassName Win32_Service -Filter "State='Running'" | ForEach-Object {
        [ordered]@{ name = Str $_.Name; pid = $_.ProcessId; image = FootprintFile (ImagePath $_.PathName) $sizes; serviceDll = FootprintFile (ServiceDll $_.Name) $sizes }
      })
    processes = @(Get-CimInstance -ClassName Win32_Process | ForEach-Object {
        [ordered]@{ pid = $_.ProcessId; name = Str $_.Name; image = FootprintFile $_.ExecutablePath $sizes }
      })
  }
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

# Confirm-SecureBootUEFI needs elevation and throws "not supported on this platform" on BIOS firmware.
Add-Section 'secureBoot' {
  $firmwareType = Str $env:firmware_type
  try {
    $enabled = Confirm-SecureBootUEFI
    return [ordered]@{ uefi = $true; enabled = [bool]$enabled; source = 'Confirm-SecureBootUEFI'; firmwareTypeEnv = $firmwareType; detail = $null }
  } catch {
    $detail = [string]$_.Exception.Message
  }
  if ($detail -match 'not supported on this platform') {
    return [ordered]@{ uefi = $false; enabled = $false; source = 'Confirm-SecureBootUEFI'; firmwareTypeEnv = $firmwareType; detail = $detail }
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

# Without the BitLocker feature no volume can be BitLocker-protected: list the fixed volumes as unprotected.
Add-Section 'bitlocker' {
  if (-not (HasCommand 'Get-BitLockerVolume')) {
    return [ordered]@{
      cmdletAvailable = $false
      volumes = @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=3' | ForEach-Object {
          [ordered]@{ mountPoint = Str $_.DeviceID; protectionStatus = 'Off'; volumeStatus = 'BitLocker feature not installed'; encryptionPercentage = 0 }
        })
    }
  }
  [ordered]@{
    cmdletAvailable = $true
    volumes = @(Get-BitLockerVolume | ForEach-Object {
        [ordered]@{
          mountPoint = Str $_.MountPoint
          protectionStatus = Str $_.ProtectionStatus
          volumeStatus = Str $_.VolumeStatus
          encryptionPercentage = $_.EncryptionPercentage
        }
      })
  }
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

# Uninstall registry, not Win32_Product (which triggers MSI reconfiguration); updates and system components skipped.
Add-Section 'software' {
  $keys = @('HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*', 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*')
  # An unreadable key would drop its product from the list silently: the error makes the list unknown.
  $entries = @(Get-ItemProperty -Path $keys -ErrorAction SilentlyContinue -ErrorVariable uninstallErrors)
  $unreadable = ErrorText $uninstallErrors
  if ($unreadable) { ReadError 'uninstall' ('Uninstall registry keys not readable: ' + $unreadable) }
  [ordered]@{
    items = @($entries | Where-Object { $_.DisplayName -and ($_.SystemComponent -ne 1) -and (-not $_.ParentKeyName) } | ForEach-Object {
        [ordered]@{
          name = Str $_.DisplayName
          version = Str $_.DisplayVersion
          publisher = Str $_.Publisher
          installDate = Str $_.InstallDate
          estimatedSizeKb = $_.EstimatedSize
        }
      })
  }
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

Add-Section 'defender' {
  if ((-not (HasCommand 'Get-MpComputerStatus')) -or ($null -eq (ServiceState 'WinDefend'))) { return [ordered]@{ installed = $false } }
  $status = Get-MpComputerStatus
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
  if (HasCommand 'Get-WindowsFeature') {
    return [ordered]@{
      source = 'Get-WindowsFeature'
      items = @(Get-WindowsFeature | Where-Object { $_.Installed } | ForEach-Object {
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

Add-Section 'hostVnics' {
  [ordered]@{
    items = @(Get-VMNetworkAdapter -ManagementOS | ForEach-Object {
        $nic = $_
        $vlan = Get-VMNetworkAdapterVlan -VMNetworkAdapter $nic -ErrorAction SilentlyContinue
        $alias = 'vEthernet (' + $nic.Name + ')'
        [ordered]@{
          name = Str $nic.Name
          switchName = Str $nic.SwitchName
          mac = Str $nic.MacAddress
          vlanMode = Str $vlan.OperationMode
          accessVlanId = $vlan.AccessVlanId
          ips = @(Get-NetIPAddress -InterfaceAlias $alias -ErrorAction SilentlyContinue | ForEach-Object { [string]$_.IPAddress })
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

Add-Section 'winrm' {
  $service = ServiceState 'WinRM'
  $state = $null
  if ($null -ne $service) { $state = $service.state }
  $gpo = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service'
  $policy = [ordered]@{ allowBasic = Bool (RegValue $gpo 'AllowBasic'); allowUnencrypted = Bool (RegValue $gpo 'AllowUnencryptedTraffic') }
  if ($state -ne 'Running') { return [ordered]@{ serviceState = $state; listeners = @(); allowUnencrypted = $null; auth = $null; policy = $policy } }
  $config = Get-WSManInstance -ResourceURI 'winrm/config/service'
  $auth = Get-WSManInstance -ResourceURI 'winrm/config/service/auth'
  [ordered]@{
    serviceState = $state
    listeners = @(Get-WSManInstance -ResourceURI 'winrm/config/listener' -Enumerate | ForEach-Object {
        [ordered]@{
          transport = Str $_.Transport
          address = Str $_.Address
          port = Str $_.Port
          enabled = Bool $_.Enabled
          hostname = Str $_.Hostname
          certificateThumbprint = Str $_.CertificateThumbprint
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

# Listening TCP ports and bound UDP endpoints with the owning process and the services it hosts.
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
  $seen = @{}
  [ordered]@{
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
    remoteManagementUsers = @(GroupMembers 'S-1-5-32-580')
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
  $values['CredSSP.AllowFreshCredentials'] = RegValue 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation' 'AllowFreshCredentials' 'CredSSP.AllowFreshCredentials'
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
  [ordered]@{
    items = @(Get-VM | ForEach-Object {
        $vm = $_
        try { VmEntry $vm } catch { [ordered]@{ name = Str $vm.Name; error = [string]$_.Exception.Message } }
      })
  }
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
