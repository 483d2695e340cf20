import type { Command } from 'commander';
import type { CommandHandler } from '../cli.js';
import { EXIT } from '../errors.js';

export function define(command: Command): CommandHandler {
  command.option('--json', 'print the catalogue as JSON (metadata, per-profile parameters, parameter schema)');
  return async (input, context) => {
    const [{ listRules }, { profileParams, paramsJsonSchema }] = await Promise.all([
      import('../rules/registry.js'),
      import('../rules/params.js'),
    ]);
    const rules = listRules();
    if (input.options.json) {
      const catalogue = rules.map((rule) => ({
        id: rule.id,
        title: rule.title,
        severity: rule.severity,
        platforms: rule.platforms,
        category: rule.category,
        rationale: rule.rationale,
        risk: rule.risk,
        remediation: rule.remediation,
        references: rule.references,
        params: profileParams(rule),
        paramsSchema: paramsJsonSchema(rule),
      }));
      context.stdout.write(`${JSON.stringify(catalogue, null, 2)}\n`);
      return EXIT.ok;
    }
    const idWidth = Math.max(2, ...rules.map((r) => r.id.length));
    const lines = rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${r.platforms.join(',').padEnd(12)}  ${r.title}`);
    context.stdout.write([`${'id'.padEnd(idWidth)}  severity  platforms     title`, ...lines, `${rules.length} rule(s)`, ''].join('\n'));
    return EXIT.ok;
  };
}
