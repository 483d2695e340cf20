import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs } from '../core/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hvscan-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('shell completion', { timeout: 60_000 }, () => {
  let bash = '';
  let zsh = '';
  beforeAll(async () => {
    const [b, z] = await Promise.all([runTs(['completion', 'bash']), runTs(['completion', 'zsh'])]);
    expect(b.code, b.stderr).toBe(0);
    expect(z.code, z.stderr).toBe(0);
    bash = join(dir, 'hvscan.bash');
    zsh = join(dir, '_hvscan');
    writeFileSync(bash, b.stdout);
    writeFileSync(zsh, z.stdout);
  });

  /** What bash offers after the given words (the last one is being typed), with the generated script sourced. */
  const complete = (...words: string[]) =>
    execFileSync(
      'bash',
      [
        '-c',
        `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _hvscan; printf '%s\\n' "\${COMPREPLY[@]}"`,
        'bash',
        bash,
        'hvscan',
        ...words,
      ],
      { encoding: 'utf8', cwd: dir },
    )
      .split('\n')
      .filter(Boolean);

  it.each([
    [['sc'], ['scan', 'schema', 'schedule']],
    [['tr'], ['trust']],
    [['scan', '--fail-on', 'h'], ['high']],
    [['scan', '--sev'], ['--severity']],
    [
      ['scan', '--severity', ''],
      ['critical', 'high', 'medium', 'low', 'info'],
    ],
    [
      ['evaluate', 'r.json', '--profile', ''],
      ['scg', 'stig', 'lab'],
    ],
    [
      ['lab', '--profile', ''],
      ['mixed', 'risky', 'hardened'],
    ],
    [['trust', 'esx01', '--platform', 'h'], ['hyperv']],
    [['--log-level', 'w'], ['warn']],
    [['init', '--tr'], ['--transport']],
  ])('bash: hvscan %j offers %j', (typed, offered) => {
    expect(complete(...typed)).toEqual(offered);
  });

  it('bash: a file option completes file names', () => {
    writeFileSync(join(dir, 'my-config.json'), '{}');
    expect(complete('scan', '-c', 'my-')).toEqual(['my-config.json']);
  });

  it('zsh: the script parses and registers _hvscan for hvscan with every command and its options', () => {
    expect(execFileSync('zsh', ['-n', zsh]).toString()).toBe('');
    const registered = execFileSync(
      'zsh',
      ['-fc', `autoload -U compinit && compinit -u -D; source "${zsh}"; print -r -- $_comps[hvscan]`],
      { encoding: 'utf8' },
    );
    expect(registered.trim()).toBe('_hvscan');
    const script = readFileSync(zsh, 'utf8');
    expect(script).toContain("'trust:read a host");
    expect(script).toMatch(
      /scan\) _arguments .*--severity'\[table only results of these severities; comma-separated or repeated\]:value:\(critical high medium low info\)'/,
    );
    expect(script).toMatch(
      /'\(-c --config\)'\{-c,--config\}'\[config file \(see config\.example\.json\)\]:file:_files'/,
    );
  });
});
