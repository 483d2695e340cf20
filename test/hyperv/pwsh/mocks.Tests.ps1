# Pester 5 checks of the mock prelude (mocks.ps1): the objects it hands the collector have the real shapes. Run by
# test/hyperv/pwsh/mocks-pester.test.ts with $env:HVSCAN_MOCK_HOST set to a fixture host (host-fixtures.ts).
BeforeAll {
  . (Join-Path $PSScriptRoot 'mocks.ps1')
}

Describe 'Hyper-V objects' {
  It 'Get-VM returns VirtualMachine objects with typed State, VMId and Uptime' {
    $vm = @(Get-VM)[0]
    $vm.PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VirtualMachine'
    $vm.State | Should -BeOfType ([VMState])
    [string]$vm.State | Should -Be 'Running'
    $vm.VMId | Should -BeOfType ([guid])
    $vm.Uptime | Should -BeOfType ([timespan])
  }
  It 'component objects carry VMName and VMId, and integration-service Ids end with the service GUID' {
    $service = @(Get-VMIntegrationService -VMName '*')[0]
    $service.PSObject.TypeNames[0] | Should -Be 'Microsoft.HyperV.PowerShell.VMIntegrationComponent'
    $service.VMId | Should -BeOfType ([guid])
    $service.Id | Should -Match '^Microsoft:[0-9A-F-]{36}\\[0-9A-F-]{36}$'
  }
  It 'Get-VMNetworkAdapter -All includes the management OS adapters, marked IsManagementOs' {
    $adapters = @(Get-VMNetworkAdapter -All)
    @($adapters | Where-Object IsManagementOs).Count | Should -Be 1
    @($adapters | Where-Object { -not $_.IsManagementOs })[0].VlanSetting.OperationMode | Should -BeOfType ([VMNetworkAdapterVlanMode])
  }
}

Describe 'CIM, registry and WSMan objects' {
  It 'Get-CimInstance returns CimInstance-typed objects with CIM types' {
    $os = Get-CimInstance -ClassName Win32_OperatingSystem
    $os.PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_OperatingSystem'
    $os.LastBootUpTime | Should -BeOfType ([datetime])
    $os.ProductType | Should -BeOfType ([uint32])
  }
  It 'a WQL filter selects instances' {
    @(Get-CimInstance -ClassName Win32_Service -Filter "Name='vmms'").Count | Should -Be 1
    @(Get-CimInstance -ClassName Win32_Service -Filter "Name='nope'").Count | Should -Be 0
  }
  It 'a missing registry value writes PSArgumentException, a missing key ItemNotFoundException' {
    { Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -Name 'Nope' -ErrorAction Stop } | Should -Throw -ExceptionType ([System.Management.Automation.PSArgumentException])
    { Get-ItemProperty -Path 'HKLM:\SOFTWARE\Nope' -Name 'x' -ErrorAction Stop } | Should -Throw -ExceptionType ([System.Management.Automation.ItemNotFoundException])
  }
  It 'a DWORD registry value reads as Int32' {
    (Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -Name 'UBR').UBR | Should -BeOfType ([int])
  }
  It 'WSMan values come back as XmlElement; one set by Group Policy carries Source="GPO" and its value as #text' {
    $global:HvHost.wsman.auth.Basic = @{ source = 'GPO'; value = 'false' }
    $auth = Get-WSManInstance -ResourceURI 'winrm/config/service/auth'
    $auth | Should -BeOfType ([System.Xml.XmlElement])
    $auth.Kerberos | Should -Be 'true'
    $auth.Basic | Should -BeOfType ([System.Xml.XmlElement])
    $auth.Basic.Source | Should -Be 'GPO'
    $auth.Basic.'#text' | Should -Be 'false'
  }
}

Describe 'fixture discipline' {
  It 'refuses a property the real object does not have' {
    { HvObject @('X') @{ Name = 'string' } @{ Nmae = 'typo' } 'X' } | Should -Throw '*has no property*'
  }
  It 'commands the host lacks are not defined' {
    Get-Command -Name 'Get-VMHostCluster' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    Get-Command -Name 'Get-VM' | Should -Not -BeNullOrEmpty
  }
}
