# What this PowerShell engine does in the places where Windows PowerShell 5.1 and PowerShell 7 differ and the collector
# depends on them (reference hyperv-collection.md §2). Prints one JSON object; test/hyperv/pwsh/engine-differences.test.ts
# names each difference and checks the collector's answer to it.
enum VMState { Other = 1; Running = 2; Off = 3 }
$utc = [datetime]::SpecifyKind([datetime]'2026-11-01T04:00:00', 'Utc')
$o = [ordered]@{}
$o.enumJson = ConvertTo-Json -InputObject ([pscustomobject]@{ State = [VMState]::Running }) -Compress
$o.enumString = [string][VMState]::Running
$o.dateJson = ConvertTo-Json -InputObject ([pscustomobject]@{ When = $utc }) -Compress
$o.dateIso = $utc.ToUniversalTime().ToString('o')
$o.versionType = $PSVersionTable.PSVersion.GetType().FullName
$o.versionMajor = $PSVersionTable.PSVersion.Major
$o.edition = $PSVersionTable.PSEdition
$dir = [IO.Path]::GetTempPath()
try { $null = Get-ItemProperty -Path $dir -Name 'NoSuchValue' -ErrorAction Stop; $o.missingValue = 'no error' } catch { $o.missingValue = $_.Exception.GetType().FullName }
try { $null = Get-ItemProperty -Path ($dir + '/no-such-key') -Name 'x' -ErrorAction Stop; $o.missingPath = 'no error' } catch { $o.missingPath = $_.Exception.GetType().FullName }
$null = Get-ItemProperty -Path $dir -Name 'NoSuchValue' -ErrorAction SilentlyContinue -ErrorVariable quiet
$o.silentErrors = $quiet.Count
ConvertTo-Json -InputObject $o -Compress
