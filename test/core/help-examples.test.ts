import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli, type CliContext } from '../../src/cli.js';

function capture(): CliContext & { text: () => string } {
  let text = '';
  const sink = new Writable({ write: (chunk, _e, done) => ((text += chunk), done()) });
  return { stdout: sink, stderr: sink, isTTY: false, signal: new AbortController().signal, env: {}, text: () => text };
}

describe('help text', () => {
  it.each(COMMANDS.map(([name]) => name))('hvscan %s --help ends with examples of that command', async (name) => {
    const context = capture();
    expect(await runCli([name, '--help'], context)).toBe(0);
    expect(context.text()).toMatch(new RegExp(`\\nExamples?:\\n {2}(source <\\()?hvscan ${name}\\b`));
  });

  it('hvscan --help lists every command and the exit codes', async () => {
    const context = capture();
    expect(await runCli(['--help'], context)).toBe(0);
    for (const [name] of COMMANDS) expect(context.text()).toMatch(new RegExp(`^ {2}${name}\\b`, 'm'));
    expect(context.text()).toContain('Exit codes:');
  });
});
