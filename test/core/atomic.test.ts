import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectFile } from '../../src/core/paths.js';
import { writeFileAtomic } from '../../src/report/atomic.js';

/** Starts the writer child, SIGKILLs it as soon as B's temp file appears, and returns what is left on disk. */
async function killMidWrite(sizeMb: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-atomic-'));
  const path = join(dir, 'report.json');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', projectFile('test/core/atomic-writer.ts'), path, String(sizeMb)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  const watcher = watch(dir, (_event, file) => {
    if (out.includes('B-started') && String(file).endsWith('.tmp')) child.kill('SIGKILL');
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, sig) => resolve(sig)));
  watcher.close();
  expect(out).toContain('A-written');
  return { content: readFileSync(path, 'utf8'), leftovers: readdirSync(dir).filter((f) => f.endsWith('.tmp')), signal };
}

describe('atomic report write', () => {
  it('a writer killed with SIGKILL mid-write leaves the previous report intact', async () => {
    let caughtMidWrite = false;
    // The kill lands during B's write on any realistic disk; a few bounded tries with a larger B cover a machine so
    // fast that B completed first. Every try must leave either A or a complete B, never a torn file.
    for (const sizeMb of [64, 128, 256]) {
      const { content, leftovers, signal } = await killMidWrite(sizeMb);
      if (signal !== 'SIGKILL') continue;
      const report = JSON.parse(content) as { report: string };
      expect(['A', 'B']).toContain(report.report);
      if (report.report === 'A' && leftovers.length > 0) {
        caughtMidWrite = true;
        break;
      }
    }
    expect(caughtMidWrite).toBe(true);
  }, 60_000);

  it('replaces the file in one step and leaves no temp file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-atomic-'));
    const path = join(dir, 'r.json');
    writeFileSync(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('fails without touching the target when the directory does not exist', async () => {
    await expect(writeFileAtomic(join(tmpdir(), 'no-such-dir-hvscan', 'r.json'), 'x')).rejects.toThrow(/ENOENT/);
  });
});
