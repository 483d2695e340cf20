import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { citationsFor, scgCatalogue, stigCatalogue } from './kit/baselines.js';
import { RULE_PROFILES, type Rule } from './kit/define.js';
import { ruleListing, type RuleListing } from './listing.js';
import { listRules } from './registry.js';

const GENERATED = 'Generated from the rule metadata by `npm run docs:rules`; do not edit by hand.';

const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const json = (value: unknown) => (value === undefined ? '—' : `\`${JSON.stringify(value)}\``);

function paramsSection(rule: RuleListing): string[] {
  const byProfile = rule.params as Record<string, Record<string, unknown>>;
  const names = Object.keys(byProfile[RULE_PROFILES[0]] ?? {});
  if (names.length === 0) return ['This rule has no parameters.'];
  const schema = rule.paramsSchema as { properties?: Record<string, { description?: string }> };
  return [
    'Config may override any parameter per rule: `rules.params.<rule id>.<parameter>` (the profile is `rules.profile`).',
    '',
    `| Parameter | ${RULE_PROFILES.join(' | ')} | Description |`,
    `|---|${RULE_PROFILES.map(() => '---').join('|')}|---|`,
    ...names.map(
      (name) =>
        `| \`${name}\` | ${RULE_PROFILES.map((p) => cell(json(byProfile[p]?.[name]))).join(' | ')} | ${cell(schema.properties?.[name]?.description ?? '')} |`,
    ),
  ];
}

function referencesSection(rule: RuleListing): string[] {
  const labels: Record<string, string> = {
    scg: 'VMware SCG',
    stig: 'DISA STIG',
    bpa: 'Hyper-V BPA',
    cis: 'CIS',
    cve: 'CVE',
    urls: 'Links',
  };
  const lines = Object.entries(rule.references)
    .filter(([, values]) => values && values.length > 0)
    .map(([key, values]) => `- ${labels[key] ?? key}: ${(values as string[]).join(', ')}`);
  return lines.length > 0 ? lines : ['None.'];
}

/** What each cited control's check text expects, quoted from data/baselines/citations.json. */
function baselineSection(rule: RuleListing): string[] {
  const entry = citationsFor(rule.id);
  if (entry === undefined) return [];
  const lines = Array.isArray(entry)
    ? entry.map((c) => {
        const baseline = stigCatalogue.baselines[c.baseline] ?? scgCatalogue.baselines[c.baseline];
        return `- ${baseline?.title ?? c.baseline} ${c.version}, ${c.id}: "${c.expected}" ([source](${c.url}))`;
      })
    : [`- Project recommendation: ${entry.projectRecommendation}`];
  return ['## Baseline text', '', ...lines, ''];
}

export function renderRuleDoc(rule: RuleListing): string {
  const r = rule.remediation;
  const code = (
    [
      ['esxcli', r.esxcli, 'sh'],
      ['PowerCLI', r.powercli, 'powershell'],
      ['PowerShell', r.powershell, 'powershell'],
    ] as const
  ).flatMap(([label, text, lang]) => (text ? ['', `${label}:`, '', `\`\`\`${lang}`, text, '```'] : []));
  return [
    `# ${rule.id}`,
    '',
    `<!-- ${GENERATED} -->`,
    '',
    rule.title,
    '',
    '| Severity | Platforms | Category |',
    '|---|---|---|',
    `| ${rule.severity} | ${rule.platforms.join(', ')} | ${rule.category} |`,
    '',
    '## Rationale',
    '',
    rule.rationale,
    '',
    '## Risk',
    '',
    rule.risk,
    '',
    '## Remediation',
    '',
    r.text,
    ...code,
    '',
    '## Parameters',
    '',
    ...paramsSection(rule),
    '',
    '## References',
    '',
    ...referencesSection(rule),
    '',
    ...baselineSection(rule),
  ].join('\n');
}

export function renderRulesIndex(listing: readonly RuleListing[]): string {
  const count = (platform: string) =>
    listing.filter((r) => r.platforms.includes(platform as Rule['platforms'][number])).length;
  return [
    '# hvscan rules',
    '',
    `<!-- ${GENERATED} -->`,
    '',
    `${listing.length} rules: ${count('esxi')} apply to ESXi, ${count('hyperv')} to Hyper-V. Profiles: ${RULE_PROFILES.join(', ')}.`,
    '',
    '| Rule | Severity | Platforms | Title |',
    '|---|---|---|---|',
    ...listing.map((r) => `| [${r.id}](${r.id}.md) | ${r.severity} | ${r.platforms.join(', ')} | ${cell(r.title)} |`),
    '',
    'The engine adds one finding of its own: `hvscan-suppression-expired` (medium), for each suppression entry past its',
    '`expires` date that matches the host; such an entry no longer hides anything.',
    '',
  ].join('\n');
}

/** File name → content of every generated doc page. */
export function expectedRuleDocs(rules: readonly Rule[] = listRules()): Map<string, string> {
  const listing = ruleListing(rules);
  const files = new Map(listing.map((r) => [`${r.id}.md`, renderRuleDoc(r)]));
  files.set('README.md', renderRulesIndex(listing));
  return files;
}

/** Writes docs/rules (or `dir`): one page per rule plus README.md; removes pages of rules that no longer exist. */
export function writeRuleDocs(
  dir: string,
  rules: readonly Rule[] = listRules(),
): { written: number; removed: string[] } {
  mkdirSync(dir, { recursive: true });
  const files = expectedRuleDocs(rules);
  let written = 0;
  for (const [name, content] of files) {
    let current: string | undefined;
    try {
      current = readFileSync(join(dir, name), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== content) {
      writeFileSync(join(dir, name), content);
      written++;
    }
  }
  const removed = readdirSync(dir).filter((name) => name.endsWith('.md') && !files.has(name));
  for (const name of removed) rmSync(join(dir, name));
  return { written, removed };
}
