import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listRules } from '../../src/rules/registry.js';
import { projectFile } from '../../src/core/paths.js';
import { locatePwsh } from './pwsh.js';

const rules = listRules();

/** Placeholders in remediations are written <like this>; they stand for a value the operator supplies. */
const PLACEHOLDER = /<[^<>]+>/g;
const fill = (text: string) => text.replace(PLACEHOLDER, 'PLACEHOLDER');

/**
 * Cmdlet parameters typed [Boolean] (not switches), which need a value: from each cmdlet's Microsoft Learn reference
 * (Set-SmbServerConfiguration, Set-MpPreference, Set-VMHost, Set-VMSwitch, Set-VMProcessor, Set-VMReplicationServer).
 */
const BOOLEAN_PARAMETERS: Record<string, string[]> = {
  'Set-SmbServerConfiguration': [
    'EnableSMB1Protocol',
    'EnableSMB2Protocol',
    'EncryptData',
    'RequireSecuritySignature',
    'RejectUnencryptedAccess',
  ],
  'Set-MpPreference': ['DisableRealtimeMonitoring', 'DisableAutoExclusions'],
  'Set-VMHost': ['UseAnyNetworkForMigration'],
  'Set-VMSwitch': ['AllowManagementOS'],
  'Set-VMProcessor': ['ExposeVirtualizationExtensions'],
  'Set-VMReplicationServer': ['ReplicationAllowedFromAnyServer', 'ReplicationEnabled'],
};

const snippets = rules.flatMap((rule) =>
  (['powershell', 'powercli'] as const)
    .filter((field) => rule.remediation[field])
    .map((field) => ({ key: `${rule.id}.${field}`, text: fill(rule.remediation[field]!) })),
);

const Parsed = z.array(
  z.object({ key: z.string(), errors: z.array(z.string()), unboundBooleans: z.array(z.string()) }),
);

function parseWithPwsh(pwsh: string, items: { key: string; text: string }[]): z.infer<typeof Parsed> {
  const script = fileURLToPath(new URL('./parse-powershell.ps1', import.meta.url));
  const run = spawnSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', script], {
    input: JSON.stringify({ snippets: items, booleanParameters: BOOLEAN_PARAMETERS }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`pwsh failed (${run.status}): ${run.stderr}`);
  return Parsed.parse(JSON.parse(run.stdout));
}

const pwsh = locatePwsh();

describe.skipIf(!pwsh)(
  "PowerShell and PowerCLI remediations parse with PowerShell's parser",
  { timeout: 180_000 },
  () => {
    it('the checker itself flags a syntax error and a Boolean parameter without its value', () => {
      const [broken, unbound, good] = parseWithPwsh(pwsh!, [
        { key: 'broken', text: 'Set-SmbServerConfiguration -EncryptData ($true -Force' },
        { key: 'unbound', text: 'Set-SmbServerConfiguration -EnableSMB1Protocol  -Force' },
        { key: 'good', text: 'Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force' },
      ]);
      expect(broken!.errors.length).toBeGreaterThan(0);
      expect(unbound!.unboundBooleans).toEqual(['Set-SmbServerConfiguration -EnableSMB1Protocol']);
      expect(good).toMatchObject({ errors: [], unboundBooleans: [] });
    });

    it('every rule remediation', () => {
      expect(snippets.length).toBeGreaterThan(50);
      const problems = parseWithPwsh(pwsh!, snippets).filter(
        (r) => r.errors.length > 0 || r.unboundBooleans.length > 0,
      );
      expect(problems).toEqual([]);
    });
  },
);

const EsxcliTable = z.object({
  pipeFilters: z.array(z.string()),
  commands: z.record(z.string(), z.object({ options: z.array(z.string()), source: z.string().min(1) }).strict()),
});
const esxcli = EsxcliTable.parse(JSON.parse(readFileSync(projectFile('data/baselines/esxcli-commands.json'), 'utf8')));

/** Splits at any of the separators that stand outside quotes. */
function splitOutsideQuotes(text: string, separators: RegExp): string[] {
  const parts: string[] = [];
  let current = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else {
      const sep = separators.exec(text.slice(i));
      if (sep?.index === 0) {
        parts.push(current.trim());
        current = '';
        i += sep[0].length - 1;
        continue;
      }
    }
    current += ch;
  }
  parts.push(current.trim());
  return parts.filter(Boolean);
}

/** Shell-style words of one command, quotes removed. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Problems of one esxcli field: each ;/&&-joined part is an esxcli command of the table, options included. */
function esxcliProblems(text: string): string[] {
  const problems: string[] = [];
  for (const part of splitOutsideQuotes(fill(text), /^(;|&&)/)) {
    const [command, ...filters] = splitOutsideQuotes(part, /^\|/);
    for (const filter of filters)
      if (!esxcli.pipeFilters.includes(words(filter)[0]!)) problems.push(`"${part}": cannot pipe into ${filter}`);
    const [program, ...rest] = words(command!);
    if (program !== 'esxcli') {
      problems.push(`"${part}" is not an esxcli command`);
      continue;
    }
    const path = rest.slice(0, rest.findIndex((w) => w.startsWith('-')) >>> 0).filter((w) => /^[a-z0-9]+$/.test(w));
    const name = path.join(' ');
    const entry = esxcli.commands[name];
    if (!entry) {
      problems.push(`"${part}": esxcli ${name} is not in data/baselines/esxcli-commands.json`);
      continue;
    }
    for (const option of rest.filter((w) => w.startsWith('-')).map((w) => w.split('=')[0]!)) {
      if (!entry.options.includes(option)) problems.push(`"${part}": esxcli ${name} has no option ${option}`);
    }
  }
  return problems;
}

describe('esxcli remediations name real esxcli commands and options', () => {
  it('the checker flags an unknown command, an unknown option and a non-esxcli part', () => {
    expect(esxcliProblems('esxcli system settings advanced set -o /Net/BlockGuestBPDU -i 1')).toEqual([]);
    expect(esxcliProblems('esxcli system setting advanced set -o /X -i 1')[0]).toMatch(/not in data/);
    expect(esxcliProblems('esxcli system snmp set --disable')[0]).toMatch(/no option --disable/);
    expect(esxcliProblems('esxcli system snmp set -e no; chkconfig slpd off')[0]).toMatch(/not an esxcli command/);
    expect(esxcliProblems('esxcli software vib list | grep -i epsec')).toEqual([]);
  });

  it.each(rules.filter((r) => r.remediation.esxcli).map((r) => [r.id, r.remediation.esxcli!] as const))(
    '%s',
    (_id, text) => {
      expect(esxcliProblems(text)).toEqual([]);
    },
  );
});
