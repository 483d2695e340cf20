import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Config } from '../core/config/schema.js';
import { ReportDiff } from '../core/report/diff-schema.js';
import { HostFacts } from '../core/model/index.js';
import { SuppressionsFile } from '../rules/suppressions.js';
import { ScanReport } from '../core/report/schema.js';

export const SCHEMA_NAMES = ['report', 'facts', 'config', 'diff', 'suppressions'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/**
 * JSON Schemas generated from the zod schemas (the single source of truth). The config and suppressions schemas describe what a
 * user may write (defaults make fields optional); the report, facts and diff schemas describe what hvscan writes.
 */
export function jsonSchema(name: SchemaName): Record<string, unknown> {
  const [schema, io, title] = {
    report: [ScanReport, 'output', 'hvscan scan report'],
    facts: [HostFacts, 'output', 'hvscan host facts'],
    config: [Config, 'input', 'hvscan config'],
    diff: [ReportDiff, 'output', 'hvscan report diff'],
    suppressions: [SuppressionsFile, 'input', 'hvscan suppressions file'],
  }[name] as [z.ZodType, 'input' | 'output', string];
  return { title, ...z.toJSONSchema(schema, { io, target: 'draft-2020-12', reused: 'ref' }) };
}

export function schemaText(name: SchemaName): string {
  return `${JSON.stringify(jsonSchema(name), null, 2)}\n`;
}

/** The published copies in schemas/<name>.schema.json; a test fails when they differ from the generated ones. */
export function writeSchemaFiles(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return SCHEMA_NAMES.map((name) => {
    const path = join(dir, `${name}.schema.json`);
    writeFileSync(path, schemaText(name));
    return path;
  });
}

export function staleSchemaFiles(dir: string): string[] {
  return SCHEMA_NAMES.filter((name) => {
    try {
      return readFileSync(join(dir, `${name}.schema.json`), 'utf8') !== schemaText(name);
    } catch {
      return true;
    }
  });
}
