import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateHost } from '../../src/rules/engine.js';
import { findRule } from '../../src/rules/registry.js';
import {
  expiryInstant,
  loadSuppressions,
  parseSuppressions,
  SuppressionFileError,
} from '../../src/rules/suppressions.js';
import { matchesPattern } from '../../src/core/text/pattern.js';
import { riskyWs2019 } from '../fixtures/seed-hosts.js';
import { TEST_NOW } from './tester.js';

const dir = mkdtempSync(join(tmpdir(), 'hvscan-suppr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = {
  rule: 'hyperv-smb1-enabled',
  hosts: 'hv19-*',
  reason: 'legacy scanner needs SMB1',
  owner: 'storage-team',
  ticket: 'CHG-42',
  expires: '2026-06-30',
};

describe('suppressions file', () => {
  it('loads a plain array or { suppressions: [...] }', () => {
    const a = join(dir, 'a.json');
    writeFileSync(a, JSON.stringify([good]));
    expect(loadSuppressions(a)).toEqual([good]);
    const b = join(dir, 'b.json');
    writeFileSync(b, JSON.stringify({ suppressions: [good, { ...good, hosts: ['/^hv1[0-9]-/', 'other'] }] }));
    expect(loadSuppressions(b)).toHaveLength(2);
  });

  it.each([
    [[good, { ...good, reason: undefined }], 'entry 1, field "reason": required'],
    [[{ ...good, reason: '' }], 'entry 0, field "reason": must not be empty'],
    [[{ ...good, expires: undefined }], 'entry 0, field "expires": required'],
    [[{ ...good, expires: 'next year' }], 'entry 0, field "expires": must be a date'],
    [[{ ...good, expires: '2026-02-30' }], 'entry 0, field "expires": not a valid calendar date'],
    [[{ ...good, hosts: [] }], 'entry 0, field "hosts"'],
    [[{ ...good, hosts: '/([/' }], 'entry 0, field "hosts": invalid regular expression /([/'],
    [[{ ...good, hosts: ['ok', '/([/'] }], 'entry 0, field "hosts[1]": invalid regular expression /([/'],
    [[{ ...good, extra: 1 }], 'entry 0, field "(entry)"'],
    [{ nope: [] }, 'expected an array of entries'],
  ])('rejects %j with an error naming entry and field', (doc, message) => {
    expect(() => parseSuppressions(JSON.stringify(doc), 'suppr.json')).toThrow(SuppressionFileError);
    expect(() => parseSuppressions(JSON.stringify(doc), 'suppr.json')).toThrow(message);
  });

  it('reports every problem of the file at once, each naming entry and field', () => {
    const doc = [
      good,
      { ...good, reason: '', expires: 'soon' },
      { ...good, subject: '/[/', extra: 1 },
      { ...good, hosts: [] },
    ];
    let error: SuppressionFileError | undefined;
    try {
      parseSuppressions(JSON.stringify(doc), 'suppr.json');
    } catch (err) {
      error = err as SuppressionFileError;
    }
    expect(error).toBeInstanceOf(SuppressionFileError);
    expect(error!.problems).toEqual([
      'entry 1, field "reason": must not be empty',
      'entry 1, field "expires": must be a date YYYY-MM-DD or an ISO date-time',
      expect.stringMatching(/^entry 2, field "\(entry\)": .*extra/),
      expect.stringMatching(/^entry 2, field "subject": invalid regular expression \/\[\//),
      expect.stringMatching(/^entry 3, field "hosts": /),
    ]);
    expect(error!.message).toMatch(/^suppressions file suppr\.json has 5 problems:\n {2}entry 1, field "reason"/);
  });

  it('names the file for unreadable or invalid JSON', () => {
    expect(() => loadSuppressions(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read \(ENOENT\)/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{');
    expect(() => loadSuppressions(bad)).toThrow(/bad\.json: not valid JSON/);
  });

  it('matches globs and /regex/ case-insensitively; a bare date lasts through that day (UTC)', () => {
    expect(matchesPattern('hv19-*', 'HV19-risky')).toBe(true);
    expect(matchesPattern('hv1?-risky', 'hv19-risky')).toBe(true);
    expect(matchesPattern('hv19', 'hv19-risky')).toBe(false);
    expect(matchesPattern('/risky$/', 'hv19-risky')).toBe(true);
    expect(matchesPattern('a.b', 'axb')).toBe(false);
    expect(expiryInstant({ ...good, expires: '2026-02-01' })).toBe(Date.parse('2026-02-02T00:00:00Z'));
    expect(expiryInstant({ ...good, expires: '2026-02-01T10:00:00Z' })).toBe(Date.parse('2026-02-01T10:00:00Z'));
  });

  it('suppresses by rule, host and subject on real rules', () => {
    const rules = [findRule('hyperv-smb1-enabled')!, findRule('hyperv-winrm-insecure')!];
    const suppressions = [
      good,
      {
        rule: 'hyperv-winrm-insecure',
        hosts: '/^hv19/',
        subject: 'basic',
        reason: 'migration window',
        expires: '2026-03-01',
      },
    ];
    const findings = evaluateHost(riskyWs2019(), { profile: 'scg', now: TEST_NOW, rules, suppressions });
    expect(findings.map((f) => [f.ruleId, f.subject ?? '', f.status, f.suppressed?.reason ?? null])).toEqual([
      ['hyperv-smb1-enabled', '', 'fail', 'legacy scanner needs SMB1'],
      ['hyperv-winrm-insecure', 'basic', 'fail', 'migration window'],
      ['hyperv-winrm-insecure', 'allowUnencrypted', 'fail', null],
    ]);
  });
});
