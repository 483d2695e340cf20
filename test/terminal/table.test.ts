import { describe, expect, it } from 'vitest';
import { renderTable, tableRows, type TableRow } from '../../src/report/table.js';
import type { Finding } from '../../src/core/model/index.js';

const row = (over: Partial<TableRow>): TableRow => ({
  severity: 'high',
  status: 'fail',
  host: 'esx01',
  ruleId: 'esxi-rule',
  message: 'bad',
  ...over,
});

describe('the table format', () => {
  it('groups by severity, worst first, with the label on the first row of each group', () => {
    const text = renderTable(
      [row({ severity: 'low', host: 'b' }), row({ severity: 'critical' }), row({ host: 'a' }), row({ host: 'c' })],
      { color: false, columns: 120 },
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('4 failed results on 4 hosts: 1 critical, 2 high, 1 low');
    expect(lines[2]).toMatch(/^SEVERITY +HOST +RULE +MESSAGE$/);
    expect(lines.slice(3, 7).map((l) => l.slice(0, 10))).toEqual([
      'CRITICAL  ',
      'HIGH      ',
      '          ',
      'LOW       ',
    ]);
    expect(lines.slice(4, 6).map((l) => l.slice(10, 15).trim())).toEqual(['a', 'c']);
  });

  it('escapes control characters a host could send (escape sequences, newlines) into spaces', () => {
    const text = renderTable([row({ host: 'esx\u001b[2J01', message: 'evil\u001b]0;title\u0007\nline' })], {
      color: false,
      columns: 120,
    });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain('esx [2J01');
    expect(text.trimEnd().split('\n')).toHaveLength(4);
  });

  it('puts the message on its own line on a narrow terminal and counts screen lines against the limit', () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      row({ host: `esx-host-${i}`, ruleId: 'esxi-a-rather-long-rule-identifier', message: 'x'.repeat(200) }),
    );
    const text = renderTable(rows, { color: false, columns: 70, limit: 6, moreHint: 'use --all' });
    const lines = text.trimEnd().split('\n');
    expect(lines[2]).toMatch(/^SEVERITY +HOST +RULE$/);
    // 6 lines: 3 rows of two lines each, then the count of the rest.
    expect(lines.slice(3, 9).filter((l) => l.startsWith('          x'))).toHaveLength(3);
    expect(lines.every((l) => l.length <= 70)).toBe(true);
    expect(lines.at(-1)).toBe('… 7 more rows (use --all)');
  });

  it('shows a STATUS column when more than failed results are asked for, and skips suppressed results', () => {
    const finding = (status: Finding['status'], suppressed = false) =>
      ({
        ruleId: 'r',
        severity: 'medium',
        status,
        message: status,
        evidence: { path: 'p' },
        ...(suppressed ? { suppressed: { reason: 'x', expires: '2099-01-01' } } : {}),
      }) as unknown as Finding;
    const host = {
      name: 'esx01',
      target: 'esx01',
      platform: 'esxi' as const,
      findings: [finding('fail'), finding('unknown'), finding('pass'), finding('fail', true)],
    };
    expect(tableRows(host).map((r) => r.status)).toEqual(['fail']);
    const rows = tableRows(host, { statuses: ['fail', 'unknown'] });
    const text = renderTable(rows, { color: false, columns: 120 });
    expect(text).toMatch(/^SEVERITY +STATUS +HOST +RULE +MESSAGE$/m);
    expect(text).toContain('2 results on 1 host');
    expect(tableRows(host, { platforms: ['hyperv'] })).toEqual([]);
  });
});
