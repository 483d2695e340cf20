import { beforeAll, describe, expect, it } from 'vitest';
import type { Node, Tree } from 'web-tree-sitter';
import { SECTIONS } from '../../connectors/hyperv/collector/document.js';
import { FRAME_END, FRAME_START } from '../../connectors/hyperv/collector/launch.js';
import { COLLECTOR_MARKER } from '../../src/lab/hyperv/collector-responder.js';
import { collectorSource, nodesOfType, parsePowerShell, syntaxProblems } from './powershell-grammar.js';

/**
 * The collector cannot run here (no Windows), so its quality is checked statically: a PowerShell grammar we did not
 * write must parse it without error, it must avoid PowerShell 5+/7-only syntax and cmdlets (Server 2012 R2 ships
 * Windows PowerShell 4.0, reference hyperv-collection.md §1.1), and it must produce every section the parser expects.
 */

const source = collectorSource();
let tree: Tree;

/** The script with comments and string contents blanked, so patterns only match code. */
function codeOnly(t: Tree): string {
  const chars = source.split('');
  for (const node of [...nodesOfType(t, 'comment'), ...nodesOfType(t, 'string_literal')]) {
    for (let i = node.startIndex; i < node.endIndex; i++) if (chars[i] !== '\n') chars[i] = ' ';
  }
  return chars.join('');
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Syntax that Windows PowerShell 4.0 rejects. */
const PS5_SYNTAX: [string, RegExp][] = [
  ['null-coalescing ?? / ??= (PowerShell 7)', /\?\?/],
  ['null-conditional ?. / ?[ (PowerShell 7)', /\?\.|\?\[/],
  ['ternary a ? b : c (PowerShell 7)', /\s\?\s[^:\n]*\s:\s/],
  ['pipeline chain && / || (PowerShell 7)', /&&|\|\|/],
  ['using namespace / using module (PowerShell 5)', /^\s*using\s+(namespace|module)\b/im],
  ['class definition (PowerShell 5)', /^\s*class\s+\w+/im],
  ['enum definition (PowerShell 5)', /^\s*enum\s+\w+/im],
  ['[Type]::new() (PowerShell 5)', /\]::new\s*\(/i],
  ['#requires (the script must run anywhere)', /#requires/i],
  ['ForEach-Object -Parallel (PowerShell 7)', /-Parallel\b/i],
  ['clean block (PowerShell 7.3)', /^\s*clean\s*\{/im],
];

/** Cmdlets and parameters missing from Windows PowerShell 4.0, or that would change or write on the host. */
const FORBIDDEN_COMMANDS = new Set(
  [
    'Get-ComputerInfo',
    'Get-ItemPropertyValue',
    'Get-TimeZone',
    'Get-LocalUser',
    'Get-LocalGroup',
    'New-Guid',
    'ConvertFrom-String',
    'Format-Hex',
    'New-TemporaryFile',
    'Get-Uptime',
    'Get-Error',
    'Test-Json',
    'Get-Clipboard',
    'Out-File',
    'Set-Content',
    'Add-Content',
    'New-Item',
    'Remove-Item',
    'Set-ItemProperty',
    'New-ItemProperty',
    'Export-Csv',
    'Export-Clixml',
    'Start-Transcript',
    'Invoke-Expression',
    'Invoke-WebRequest',
    'Invoke-RestMethod',
    'Write-Host',
    'Write-Output',
  ].map((c) => c.toLowerCase()),
);
const FORBIDDEN_VERBS = /^(set|enable|disable|start|stop|restart|install|uninstall|remove|clear|update|register)-/i;
/** Changes only the running session's type table (the 5.1 array-wrapper workaround), nothing on the host. */
const SESSION_ONLY = new Set(['remove-typedata']);
const PS7_PARAMETERS = /-(AsArray|EnumsAsStrings|EscapeHandling|AsHashtable|AdditionalChildPath)\b/i;

/** Commands that exist only on some hosts (PS 5.1, Server 2016+, optional features): each needs a HasCommand guard. */
const GUARDED_COMMANDS = [
  'Get-LocalGroupMember',
  'Get-VMSecurity',
  'Get-VMAssignableDevice',
  'Get-BitLockerVolume',
  'Get-MpComputerStatus',
  'Get-WindowsFeature',
];

/** The function around a call, else the outermost script block (its Add-Section body): where its guard must precede it. */
function enclosingBlock(node: Node): Node {
  let block: Node | null = null;
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'function_statement') return current;
    if (current.type === 'script_block') block = current;
  }
  return block ?? node.tree.rootNode;
}

beforeAll(async () => {
  tree = await parsePowerShell(source);
});

describe('collector.ps1 grammar (tree-sitter-powershell)', () => {
  it('parses without any ERROR or MISSING node', () => {
    expect(syntaxProblems(tree)).toEqual([]);
  });

  it('would notice broken or PowerShell 7-only syntax (the check can fail)', async () => {
    const broken = await parsePowerShell(
      "Add-Section 'x' {\n  $a = $b ?? 'c'\n  Get-WindowsFeature Hyper-V, Hyper-V-PowerShell\n",
    );
    expect(syntaxProblems(broken).length).toBeGreaterThan(0);
  });
});

describe('collector.ps1 stays within Windows PowerShell 4.0 and reads only', () => {
  it('uses no PowerShell 5+/7-only syntax', () => {
    const code = codeOnly(tree);
    const found = PS5_SYNTAX.flatMap(([what, pattern]) => {
      const m = pattern.exec(code);
      return m ? [`line ${lineOf(code, m.index)}: ${what}`] : [];
    });
    expect(found).toEqual([]);
  });

  it('calls no PS 5+/7-only, writing or state-changing command, and no PS 7-only parameter', () => {
    const found: string[] = [];
    for (const node of nodesOfType(tree, 'command_name')) {
      const name = node.text.toLowerCase();
      if (SESSION_ONLY.has(name)) continue;
      if (FORBIDDEN_COMMANDS.has(name) || FORBIDDEN_VERBS.test(name))
        found.push(`line ${node.startPosition.row + 1}: ${node.text}`);
    }
    for (const node of nodesOfType(tree, 'command_parameter')) {
      if (PS7_PARAMETERS.test(node.text)) found.push(`line ${node.startPosition.row + 1}: ${node.text}`);
    }
    for (const node of nodesOfType(tree, 'redirection'))
      found.push(`line ${node.startPosition.row + 1}: redirection ${node.text}`);
    expect(found).toEqual([]);
  });

  it.each(GUARDED_COMMANDS)('guards %s with HasCommand before calling it', (command) => {
    const calls = nodesOfType(tree, 'command_name').filter((n) => n.text.toLowerCase() === command.toLowerCase());
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const block = enclosingBlock(call);
      const before = source.slice(block.startIndex, call.startIndex);
      expect(before, `line ${call.startPosition.row + 1}`).toContain(`HasCommand '${command}'`);
    }
  });

  it('silences progress and warnings, turns errors into catchable ones and undoes the 5.1 array wrapper', () => {
    expect(source).toMatch(/^\$ProgressPreference = 'SilentlyContinue'$/m);
    expect(source).toMatch(/^\$WarningPreference = 'SilentlyContinue'$/m);
    expect(source).toMatch(/^\$ErrorActionPreference = 'Stop'$/m);
    expect(source).toMatch(/Remove-TypeData -TypeName System\.Array/);
  });

  it('serialises with an explicit -Depth and -InputObject, and prints one frame that matches launch.ts', () => {
    const json = nodesOfType(tree, 'command').filter((n) => /^ConvertTo-Json\b/i.test(n.text));
    expect(json.length).toBeGreaterThan(0);
    for (const call of json) expect(call.text).toMatch(/-InputObject \$\w+ -Depth \d+ -Compress/);
    const writes = source.match(/\[Console\]::Out\.Write\(/g) ?? [];
    expect(writes).toHaveLength(1);
    expect(source).toContain(
      `"\`r\`n${FRAME_START}" + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json)) + "${FRAME_END}\`r\`n"`,
    );
    expect(source.trimEnd().split('\n').at(-1)).toBe('exit 0');
  });

  it('carries the marker the lab simulators look for', () => {
    expect(source.split('\n')[0]).toBe(COLLECTOR_MARKER);
  });
});

describe('collector.ps1 registry reads', () => {
  const regValue = () => nodesOfType(tree, 'function_statement').find((f) => /^function RegValue\b/.test(f.text))!;

  it('treats only a missing key or value as "not set" and records any other failure under readErrors', () => {
    const fn = regValue();
    expect(fn.text).not.toMatch(/SilentlyContinue/);
    expect(fn.text).toMatch(/Get-ItemProperty -Path \$Path -Name \$Name -ErrorAction Stop/);
    const catches = fn.descendantsOfType('catch_clause').filter((c): c is Node => c !== null);
    const typed = catches.map((c) => /^catch\s*\[([\w.]+)\]/.exec(c.text)?.[1]);
    expect(typed).toEqual([
      'System.Management.Automation.ItemNotFoundException',
      'System.Management.Automation.PSArgumentException',
      undefined,
    ]);
    for (const notSet of catches.slice(0, 2)) expect(notSet.text).toMatch(/\{\s*return \$null\s*\}$/);
    expect(catches[2]!.text).toMatch(/ReadError \$Label \('registry value not readable: ' \+ \$Path/);
    const readError = nodesOfType(tree, 'function_statement').find((f) => /^function ReadError\b/.test(f.text))!;
    expect(readError.text).toContain('$R.readErrors[$script:Section][$Label] = $Message');
    expect(source).toMatch(/^\$R\.readErrors = \[ordered\]@\{\}$/m);
    expect(nodesOfType(tree, 'function_statement').find((f) => /^function Add-Section\b/.test(f.text))!.text).toContain(
      '$script:Section = $Name',
    );
  });

  it('records a failed enumeration of software, listeners, switch extensions or loaded modules instead of reading it as an empty list', () => {
    const enumerations = [
      'Get-ChildItem -LiteralPath $root',
      'Get-NetTCPConnection -State Listen',
      'Get-NetUDPEndpoint',
      'Get-VMSwitchExtension -VMSwitch $switch',
      'Get-NetAdapter -IncludeHidden',
      'Get-NetIPAddress -ErrorAction',
      "-ClassName '__NAMESPACE'",
      'Get-BitLockerVolume -ErrorAction',
      'Win32_EncryptableVolume',
      "Get-ChildItem -Path ($services + '\\*\\Instances')",
      "Get-ChildItem -Path ($root + '\\Listener')",
      'Get-NetAdapter -ErrorAction',
      'Get-Process -Id',
    ];
    for (const cmdlet of enumerations) {
      const line = source.split('\n').find((l) => l.includes(cmdlet))!;
      expect(line, cmdlet).toMatch(/-ErrorAction SilentlyContinue -ErrorVariable (\w+)/);
      const variable = /-ErrorVariable (\w+)/.exec(line)![1];
      expect(source, cmdlet).toMatch(new RegExp(`ErrorText \\$${variable}\\b`));
    }
    // One ReadError per enumeration's error variable (the BitLocker cmdlet and class share one; loaded modules add one).
    expect(source.match(/^\s*if \(\$\w+\) \{ ReadError /gm)).toHaveLength(12);
  });

  it('labels every security setting with its settings key, so a read error names the value the rules read', () => {
    const reads = [
      ...source.matchAll(/^\s*\$values\['([^']+)'\] = RegValue (?:\$\w+|'[^']+'|\([^)]+\)) '(\w+)'(?: '([^']+)')?$/gm),
    ];
    expect(reads.length).toBe(source.match(/\$values\['[^']+'\] = RegValue /g)!.length);
    const mislabelled = reads.filter(([, key, name, label]) => (label ?? name) !== key).map(([line]) => line.trim());
    expect(mislabelled).toEqual([]);
    const lists = [...source.matchAll(/^\s*\$values\['([^']+)'\] = RegValueList \([^)]+\) '([^']+)'$/gm)];
    expect(lists.length).toBe(2);
    expect(lists.filter(([, key, label]) => key !== label).map(([line]) => line.trim())).toEqual([]);
  });
});

describe('collector.ps1 sections', () => {
  const added = [...source.matchAll(/^Add-Section '(\w+)' \{/gm)].map((m) => m[1]);

  it('produces every section the parser expects, in the same order, once each', () => {
    expect(added).toEqual(SECTIONS);
  });

  /**
   * A section's value is whatever its script block outputs: one object keeps its shape, anything else would be
   * unrolled into an array (or $null when empty). So every section ends in, and only returns, one [ordered] dictionary,
   * and its other top-level statements are assignments or control flow that output nothing.
   */
  it('makes every section output exactly one [ordered] dictionary', () => {
    const problems: string[] = [];
    for (const call of nodesOfType(tree, 'command').filter((n) => n.text.startsWith('Add-Section '))) {
      const name = /^Add-Section '(\w+)'/.exec(call.text)?.[1] ?? '?';
      const body = call.descendantsOfType('statement_list')[0];
      const statements = body?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
      const last = statements.at(-1);
      if (!last?.text.startsWith('[ordered]@{')) problems.push(`${name}: last statement is not [ordered]@{...}`);
      for (const statement of statements.slice(0, -1)) {
        if (statement.type === 'pipeline' && !/^\$[\w:]+(\[[^\]]*\])?\s*\+?=/.test(statement.text)) {
          problems.push(
            `${name}: line ${statement.startPosition.row + 1} outputs ${JSON.stringify(statement.text.slice(0, 40))}`,
          );
        }
      }
      for (const flow of call.descendantsOfType('flow_control_statement')) {
        if (flow && /^return\b/.test(flow.text) && !/^return \[ordered\]@\{/.test(flow.text)) {
          problems.push(`${name}: line ${flow.startPosition.row + 1} returns something else`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('runs every Add-Section at the top level (so each has its own try/catch)', () => {
    const calls = nodesOfType(tree, 'command_name').filter((n) => n.text === 'Add-Section');
    expect(calls).toHaveLength(SECTIONS.length);
    for (const call of calls) expect(enclosingBlock(call).type).toBe('program');
  });
});
