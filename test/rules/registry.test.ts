// The registry checks every rule's metadata when it loads (as Prowler checks CheckMetadata): a bad built-in rule stops
// the program with an error naming its file.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ruleModules } from '../../rules/index.js';
import { EXIT, ExitError } from '../../src/core/errors.js';
import { ruleProblems } from '../../src/rules/metadata.js';
import { checkedBuiltIns } from '../../src/rules/registry.js';

const good = ruleModules['esxi-ntp-servers']!;
const changed = (fields: Record<string, unknown>) => ({ ...good, ...fields });

function loadError(modules: Record<string, unknown>): ExitError {
  try {
    checkedBuiltIns(modules);
  } catch (err) {
    if (err instanceof ExitError) return err;
    throw err;
  }
  throw new Error('the registry accepted bad metadata');
}

describe('rule registry: metadata checked at load', () => {
  it('accepts every built-in rule, in id order', () => {
    const rules = checkedBuiltIns(ruleModules);
    expect(rules.map((r) => r.id)).toEqual(Object.keys(ruleModules).sort());
  });

  it.each([
    [
      'an id other than the file name',
      changed({ id: 'esxi-ntp-server-list' }),
      'id: "esxi-ntp-server-list" differs from the file name "esxi-ntp-servers"',
    ],
    ['no remediation text', changed({ remediation: { esxcli: 'esxcli system ntp set' } }), 'remediation.text:'],
    [
      'a malformed STIG reference',
      changed({ references: { stig: ['ESXi 8 STIG NTP'] } }),
      'references.stig.0: expected a STIG id',
    ],
    [
      'an http reference URL',
      changed({ references: { urls: ['http://example.com/ntp'] } }),
      'references.urls.0: expected an https:// URL',
    ],
    ['an empty reference list', changed({ references: { cve: [] } }), 'references.cve:'],
    ['an unknown reference kind', changed({ references: { nist: ['AU-8'] } }), 'references: Unrecognized key: "nist"'],
    ['a bad severity', changed({ severity: 'severe' }), 'severity:'],
    ['an unknown platform', changed({ platforms: ['xen'] }), 'platforms.0:'],
    [
      'a platform the id does not name',
      changed({ platforms: ['hyperv'] }),
      'platforms: an id starting with esxi- means platforms ["esxi"]',
    ],
    [
      'a category not in kebab-case',
      changed({ category: 'Time Keeping' }),
      'category: expected a kebab-case word list',
    ],
    ['params that are no zod schema', changed({ params: { minServers: 4 } }), 'params: expected a zod schema'],
    [
      'profile values the params reject',
      changed({ profileDefaults: { stig: { minServers: 0 } } }),
      "params: the stig profile's values do not parse",
    ],
    ['no evaluate function', changed({ evaluate: undefined }), 'evaluate: expected a function'],
    ['a misspelt field', changed({ remedation: good.remediation }), 'Unrecognized key: "remedation"'],
  ])('stops with the file named on %s', (_case, rule, problem) => {
    const err = loadError({ ...ruleModules, 'esxi-ntp-servers': rule });
    expect(err.code).toBe(EXIT.internal);
    expect(err.message).toContain('built-in rule metadata is invalid');
    expect(err.message).toContain(`rules/esxi-ntp-servers.ts: ${problem}`);
  });

  it('names a module without a default export', () => {
    expect(ruleProblems(undefined, 'esxi-x-y')).toEqual(['the default export is missing; expected the rule object']);
  });

  it('takes a zod schema by its shape, so a custom rule may bring its own copy of zod 4', () => {
    const ownCopy = { _zod: {}, safeParse: (value: unknown) => ({ success: true, data: value }) };
    expect(ownCopy instanceof z.ZodType).toBe(false);
    expect(ruleProblems(changed({ params: ownCopy }), 'esxi-ntp-servers')).toEqual([]);
  });

  it('listRules() stops the program when a generated module is bad', async () => {
    vi.resetModules();
    vi.doMock('../../rules/index.js', () => ({
      ruleModules: { ...ruleModules, 'esxi-ntp-servers': changed({ title: '' }) },
    }));
    try {
      const registry = await import('../../src/rules/registry.js');
      expect(() => registry.listRules()).toThrow(/rules\/esxi-ntp-servers\.ts: title: /);
    } finally {
      vi.doUnmock('../../rules/index.js');
      vi.resetModules();
    }
  });
});
