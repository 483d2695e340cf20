import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportHost } from '../../src/core/report/schema.js';
import { HostSpool } from '../../src/report/spool.js';

const entry = (name: string): ReportHost =>
  ({
    name,
    target: name,
    platform: 'esxi',
    status: 'ok',
    insecure: false,
    serverTrust: 'pinned',
    durationMs: 1,
    attempts: 1,
    facts: null,
    findings: [],
    errors: [],
  }) as ReportHost;

describe('HostSpool', () => {
  it('gives back each parked entry by its stub, keeps the file private, and removes it on close', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-spool-'));
    const spool = new HostSpool(dir);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^\.hvscan-report\.\d+\.[0-9a-f]{8}\.hosts\.tmp$/);
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);
    const a = spool.park({ ...entry('a'), errors: [{ step: 'collect', message: 'ünïcødé' }] });
    const b = spool.park(entry('b'));
    expect(spool.text(b)).toBe(JSON.stringify(entry('b')));
    expect(JSON.parse(spool.text(a)!).errors[0].message).toBe('ünïcødé');
    expect(spool.text(entry('not parked'))).toBeUndefined();
    spool.close();
    spool.close();
    expect(existsSync(join(dir, file!))).toBe(false);
  });

  it('names output.json, the file and the host when an entry cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-spool-'));
    const spool = new HostSpool(dir);
    spool.close();
    expect(() => spool.park(entry('esx01'))).toThrow(
      /^output\.json: cannot write .*\.hvscan-report\.\d+\.[0-9a-f]{8}\.hosts\.tmp \(host esx01: EBADF\)$/,
    );
  });
});
