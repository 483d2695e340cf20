# Parses PowerShell snippets with PowerShell's own parser (System.Management.Automation.Language.Parser) and reports
# syntax errors, plus Boolean parameters given without a value (a [bool] parameter is not a switch: "-EncryptData"
# alone fails to bind). Input on stdin: {"snippets":[{"key","text"}],"booleanParameters":{"<cmdlet>":["<param>"]}}.
$ErrorActionPreference = 'Stop'
$request = [Console]::In.ReadToEnd() | ConvertFrom-Json
$results = foreach ($snippet in $request.snippets) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput($snippet.text, [ref]$tokens, [ref]$errors)
  $unbound = foreach ($command in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
    $name = $command.GetCommandName()
    $booleans = if ($name) { $request.booleanParameters.$name } else { $null }
    if (-not $booleans) { continue }
    $elements = $command.CommandElements
    for ($i = 1; $i -lt $elements.Count; $i++) {
      $element = $elements[$i]
      if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
      if ($booleans -notcontains $element.ParameterName -or $element.Argument) { continue }
      $next = if ($i + 1 -lt $elements.Count) { $elements[$i + 1] } else { $null }
      if ($null -eq $next -or $next -is [System.Management.Automation.Language.CommandParameterAst]) { "$name -$($element.ParameterName)" }
    }
  }
  [pscustomobject]@{ key = $snippet.key; errors = @($errors | ForEach-Object { $_.Message }); unboundBooleans = @($unbound) }
}
ConvertTo-Json -InputObject @($results) -Depth 4 -Compress
