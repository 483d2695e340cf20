// docs/custom-rules.md's example, taken from the page itself, run through `hvscan scan` and `hvscan evaluate` with the
// scripted connectors of test/core/fake-cli.ts (their ESXi facts have NTP servers ntp1.lab and ntp2.lab).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectFile } from '../../src/core/paths.js';
import { expectValidReport } from '../core/helpers.js';
import { runTs } from '../core/run-cli.js';

const CLI_TIMEOUT = 60_000;
const RULE_ID = 'esxi-ntp-outside-corp-domain';
const fakeCli = (args: string[]) => runTs(args, { entry: 'test/core/fake-cli.ts', env: { PW: 'pw' } });

/** The page's one `js` code block. */
function documentedExample(): string {
  const blocks = [...readFileSync(projectFile('docs/custom-rules.md'), 'utf8').matchAll(/```js\n([\s\S]*?)```/g)];
  expect(blocks).toHaveLength(1);
  return blocks[0]![1]!;
}

describe('docs/custom-rules.md example', () => {
  it(
    'runs in hvscan scan from rules.directories, is recorded with its file, and takes rules.params',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-custom-doc-'));
      mkdirSync(join(dir, 'hvscan-rules'));
      const ruleFile = join(dir, 'hvscan-rules', `${RULE_ID}.mjs`);
      writeFileSync(ruleFile, documentedExample());
      const targets = [{ name: 'ok-a', platform: 'esxi', host: 'ok-a.lab', username: 'root', passwordEnv: 'PW' }];
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ targets, rules: { directories: ['./hvscan-rules'] } }));

      const scan = await fakeCli([
        'scan',
        '-c',
        join(dir, 'config.json'),
        '--fail-on',
        'none',
        '-o',
        join(dir, 'r.json'),
      ]);
      expect(scan.code, scan.stderr).toBe(0);
      const report = expectValidReport(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')));
      expect(report.rules[RULE_ID]).toMatchObject({
        source: ruleFile,
        severity: 'medium',
        remediation: { text: 'Point the host at the corporate NTP servers.' },
      });
      expect(report.rules['esxi-ntp-servers']!.source).toBe('built-in');
      const finding = report.hosts[0]!.findings.find((f) => f.ruleId === RULE_ID);
      expect(finding).toMatchObject({
        status: 'fail',
        message: 'NTP servers outside corp.example: ntp1.lab, ntp2.lab',
        evidence: { path: 'esxi.ntp.servers', observed: ['ntp1.lab', 'ntp2.lab'], expected: 'servers in corp.example' },
      });

      // The page's override: the same facts pass once the domain is "lab".
      const rules = { directories: ['./hvscan-rules'], params: { [RULE_ID]: { domain: 'lab' } } };
      writeFileSync(join(dir, 'lab.json'), JSON.stringify({ targets, rules }));
      const again = await fakeCli([
        'evaluate',
        join(dir, 'r.json'),
        '-c',
        join(dir, 'lab.json'),
        '--fail-on',
        'none',
        '-o',
        join(dir, 'lab-r.json'),
      ]);
      expect(again.code, again.stderr).toBe(0);
      const judged = expectValidReport(JSON.parse(readFileSync(join(dir, 'lab-r.json'), 'utf8')));
      expect(judged.hosts[0]!.findings.find((f) => f.ruleId === RULE_ID)).toMatchObject({
        status: 'pass',
        message: 'Every NTP server is in lab',
      });
    },
    CLI_TIMEOUT,
  );
});
