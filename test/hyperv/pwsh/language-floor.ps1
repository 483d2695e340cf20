# Parses a script with PowerShell's own parser and lists, as JSON, every syntax error and every construct newer than
# Windows PowerShell 4.0 (the collector's declared floor, Server 2012 R2): { <path>: [{ construct, since, line, text }] }.
# Usage: pwsh -File language-floor.ps1 <script.ps1>...
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Path)
$ErrorActionPreference = 'Stop'
function Report([string]$Construct, [string]$Since, $Extent) {
  $found.Add([ordered]@{ construct = $Construct; since = $Since; line = $Extent.StartLineNumber; text = $Extent.Text.Split("`n")[0] })
}
$rules = @(
  @{ construct = 'ternary a ? b : c'; since = '7.0'; test = { param($n) $n.GetType().Name -eq 'TernaryExpressionAst' } }
  @{ construct = 'null-coalescing ??'; since = '7.0'; test = { param($n) $n -is [System.Management.Automation.Language.BinaryExpressionAst] -and $n.Operator -eq 'QuestionQuestion' } }
  @{ construct = 'null-coalescing assignment ??='; since = '7.0'; test = { param($n) $n -is [System.Management.Automation.Language.AssignmentStatementAst] -and $n.Operator -eq 'QuestionQuestionEquals' } }
  @{ construct = 'null-conditional ?. / ?['; since = '7.0'; test = { param($n) ($n -is [System.Management.Automation.Language.MemberExpressionAst] -or $n -is [System.Management.Automation.Language.IndexExpressionAst]) -and $n.NullConditional } }
  @{ construct = 'pipeline chain && / ||'; since = '7.0'; test = { param($n) $n.GetType().Name -eq 'PipelineChainAst' } }
  @{ construct = 'class or enum definition'; since = '5.0'; test = { param($n) $n -is [System.Management.Automation.Language.TypeDefinitionAst] } }
  @{ construct = 'using namespace / using module'; since = '5.0'; test = { param($n) $n -is [System.Management.Automation.Language.UsingStatementAst] } }
  @{ construct = '[Type]::new()'; since = '5.0'; test = { param($n) $n -is [System.Management.Automation.Language.InvokeMemberExpressionAst] -and $n.Static -and $n.Member.Extent.Text -eq 'new' } }
  @{ construct = 'ForEach-Object -Parallel'; since = '7.0'; test = { param($n) $n -is [System.Management.Automation.Language.CommandParameterAst] -and 'Parallel'.StartsWith($n.ParameterName, 'OrdinalIgnoreCase') -and $n.ParameterName.Length -ge 2 } }
  @{ construct = 'clean block'; since = '7.3'; test = { param($n) $n -is [System.Management.Automation.Language.ScriptBlockAst] -and $null -ne $n.CleanBlock } }
  @{ construct = '#requires'; since = 'n/a (the collector must run anywhere)'; test = { param($n) $n -is [System.Management.Automation.Language.ScriptBlockAst] -and $null -eq $n.Parent -and $null -ne $n.ScriptRequirements } }
)
$result = [ordered]@{}
foreach ($file in $Path) {
  $tokens = $null
  $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
  $found = [System.Collections.Generic.List[object]]::new()
  foreach ($e in $errors) { Report ('syntax error: ' + $e.Message) 'parser' $e.Extent }
  foreach ($rule in $rules) {
    foreach ($node in $ast.FindAll($rule.test, $true)) { Report $rule.construct $rule.since $node.Extent }
  }
  $result[$file] = @($found)
}
ConvertTo-Json -InputObject $result -Depth 4 -Compress
