import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectedRuleDocs, writeRuleDocs } from '../../src/rules/docs.js';
import { formatRulesTable, ruleListing } from '../../src/rules/listing.js';
import { findRule, listRules } from '../../src/rules/registry.js';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'rules');

describe('docs/rules', () => {
  it('is up to date with the rule metadata (run `npx tsx scripts/gen-rule-docs.ts` when this fails)', () => {
    const expected = expectedRuleDocs();
    const present = existsSync(DOCS)
      ? readdirSync(DOCS)
          .filter((f) => f.endsWith('.md'))
          .sort()
      : [];
    expect(present).toEqual([...expected.keys()].sort());
    for (const [name, content] of expected) expect(readFileSync(join(DOCS, name), 'utf8'), name).toBe(content);
  });

  it('writes pages with per-profile parameters and removes stale pages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-docs-'));
    try {
      writeFileSync(join(dir, 'gone-rule.md'), 'old');
      const { written, removed } = writeRuleDocs(dir);
      expect(written).toBe(listRules().length + 1);
      expect(removed).toEqual(['gone-rule.md']);
      const page = readFileSync(join(dir, 'hyperv-vm-checkpoints-present.md'), 'utf8');
      expect(page).toContain('| `maxCheckpoints` | `0` | `0` | `20` |');
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(
        '[host-introspection-in-hypervisor](host-introspection-in-hypervisor.md)',
      );
      expect(writeRuleDocs(dir).written).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rule listing', () => {
  it('gives metadata, a JSON schema and per-profile params for every rule', () => {
    const listing = ruleListing();
    expect(listing.map((r) => r.id)).toEqual(listRules().map((r) => r.id));
    const nested = listing.find((r) => r.id === 'hyperv-vm-nested-virtualization')!;
    expect(nested.params).toEqual({ scg: { allowed: false }, stig: { allowed: false }, lab: { allowed: true } });
    expect(nested.paramsSchema).toMatchObject({ type: 'object', properties: { allowed: { type: 'boolean' } } });
    expect(JSON.parse(JSON.stringify(listing))).toEqual(listing);
  });

  it('prints a table', () => {
    const table = formatRulesTable(ruleListing([findRule('hyperv-smb1-enabled')!]));
    expect(table.split('\n')[0]).toMatch(/^RULE\s+SEVERITY\s+PLATFORMS\s+TITLE$/);
    expect(table).toContain('hyperv-smb1-enabled  medium    hyperv     SMBv1 is enabled on the Hyper-V host');
    expect(table).toContain('1 rules');
  });
});
