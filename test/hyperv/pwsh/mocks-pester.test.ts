import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { projectFile } from '../../../src/core/paths.js';
import { mockHost } from './host-fixtures.js';
import { describeWithPwsh, TOOLS_DIR } from './locate.js';

const run = promisify(execFile);
const PESTER = join(TOOLS_DIR, 'Modules', 'Pester', '5.7.1', 'Pester.psd1');

/** Pester 5.7.1 (installed beside pwsh) runs mocks.Tests.ps1: the mock prelude's objects have the real shapes. */
describeWithPwsh('mock prelude shapes (Pester)', { timeout: 120_000 }, (pwsh) => {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-pester-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every Pester test passes', async () => {
    expect(existsSync(PESTER), `${PESTER}: run scripts/install-test-tools.sh`).toBe(true);
    const hostFile = join(dir, 'host.json');
    writeFileSync(hostFile, JSON.stringify(mockHost({ vmCount: 2 })));
    const script = [
      `Import-Module '${PESTER}'`,
      '$c = New-PesterConfiguration',
      `$c.Run.Path = '${projectFile('test/hyperv/pwsh/mocks.Tests.ps1')}'`,
      '$c.Run.PassThru = $true',
      "$c.Output.Verbosity = 'None'",
      '$r = Invoke-Pester -Configuration $c',
      "ConvertTo-Json -Compress -InputObject @{ passed = $r.PassedCount; failed = @($r.Failed | ForEach-Object { $_.ExpandedPath + ': ' + [string]$_.ErrorRecord }) }",
    ].join('\n');
    const { stdout } = await run(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', script], {
      env: { ...process.env, HVSCAN_MOCK_HOST: hostFile },
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { passed: number; failed: string[] | string };
    expect([result.failed].flat()).toEqual([]);
    expect(result.passed).toBe(10);
  });
});
