import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { projectFile } from '../../../src/core/paths.js';
import { describeWithPwsh } from './locate.js';

const run = promisify(execFile);
const WALKER = projectFile('test/hyperv/pwsh/language-floor.ps1');

interface Finding {
  construct: string;
  since: string;
  line: number;
  text: string;
}

/**
 * PowerShell's own parser ([Parser]::ParseFile) reads collector.ps1, and an AST walk refuses anything newer than the
 * floor the collector declares in its header: Windows PowerShell 4.0 (Server 2012 R2).
 */
describeWithPwsh('collector.ps1 language floor (PowerShell parser + AST walk)', { timeout: 60_000 }, (pwsh) => {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-floor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const findings = async (...paths: string[]): Promise<Record<string, Finding[]>> => {
    const { stdout } = await run(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', WALKER, ...paths]);
    return JSON.parse(stdout) as Record<string, Finding[]>;
  };

  it('the collector declares the floor it is checked against', async () => {
    const { readFileSync } = await import('node:fs');
    expect(
      readFileSync(projectFile('connectors/hyperv/collector/collector.ps1'), 'utf8').split('\n').slice(0, 4).join('\n'),
    ).toContain('Windows PowerShell 4.0 syntax');
  });

  it('collector.ps1 parses without errors and uses nothing newer than PowerShell 4.0', async () => {
    const collector = projectFile('connectors/hyperv/collector/collector.ps1');
    expect((await findings(collector))[collector]).toEqual([]);
  });

  // Each construct the walk must refuse: the check can fail.
  const SNIPPETS: [string, string][] = [
    ['$a = $b ? 1 : 2', 'ternary a ? b : c'],
    ['$a = $b ?? 1', 'null-coalescing ??'],
    ['$a ??= 1', 'null-coalescing assignment ??='],
    ['${a}?.b', 'null-conditional ?. / ?['],
    ['${a}?[0]', 'null-conditional ?. / ?['],
    ['Get-Item x && Get-Item y', 'pipeline chain && / ||'],
    ['Get-Item x || Get-Item y', 'pipeline chain && / ||'],
    ['class A { }', 'class or enum definition'],
    ['enum E { A }', 'class or enum definition'],
    ['using namespace System.IO', 'using namespace / using module'],
    ['[string]::new("a")', '[Type]::new()'],
    ['1..3 | ForEach-Object -Parallel { $_ }', 'ForEach-Object -Parallel'],
    ['function f { process { } clean { } }', 'clean block'],
    ['#requires -Version 5.1', '#requires'],
    ["Add-Section 'x' { $a = (", 'syntax error'],
  ];
  it('refuses each newer construct and a syntax error, on the line it is on', async () => {
    const files = SNIPPETS.map(([snippet], i) => {
      const file = join(dir, `snippet-${i}.ps1`);
      writeFileSync(file, `$ok = 1\n${snippet}\n`);
      return file;
    });
    const found = await findings(...files);
    const summary = SNIPPETS.map(([snippet, construct], i) => {
      const hit = found[files[i]].find((f) => f.construct.startsWith(construct));
      // #requires belongs to the whole script, whose extent starts on line 1.
      return { snippet, refused: !!hit, line: hit && construct !== '#requires' ? hit.line : 2 };
    });
    expect(summary).toEqual(SNIPPETS.map(([snippet]) => ({ snippet, refused: true, line: 2 })));
  });
});
