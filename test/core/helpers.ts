import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { z } from 'zod';
import type { Target, VsphereTarget } from '../../src/core/config/schema.js';
import { createLogger } from '../../src/core/log/logger.js';
import { Redactor } from '../../src/core/log/redact.js';
import { projectFile } from '../../src/core/paths.js';
import { ScanReport } from '../../src/core/report/schema.js';
import type { HostEvaluator } from '../../src/scan/evaluate.js';
import { ruleCatalogue } from '../../src/rules/catalogue.js';
import { listRules } from '../../src/rules/registry.js';
import { JudgedHosts } from '../../src/scan/judged-hosts.js';
import type { ScanResult } from '../../src/core/report/collected.js';

export function esxTarget(name: string, overrides: Partial<VsphereTarget> = {}): Target {
  return { name, platform: 'esxi', host: `${name}.lab`, username: 'root', passwordEnv: 'PW', ...overrides };
}

/** A logger writing JSON lines into memory, with its own redactor (tests do not share secrets). */
export function memoryLogger(level: 'info' | 'debug' = 'debug') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const redactor = new Redactor();
  return { logger: createLogger({ level, stream, redact: redactor }), lines, redactor };
}

let publishedReportSchema: z.ZodType | undefined;

/** The report passes its zod schema and the published schemas/report.schema.json (round-tripped through JSON Schema). */
export function expectValidReport(report: unknown): ScanReport {
  const parsed = ScanReport.safeParse(report);
  if (!parsed.success) throw new Error(`report fails its schema: ${parsed.error.message}`);
  publishedReportSchema ??= z.fromJSONSchema(
    JSON.parse(readFileSync(projectFile('schemas/report.schema.json'), 'utf8')),
  );
  const published = publishedReportSchema.safeParse(JSON.parse(JSON.stringify(report)));
  if (!published.success) throw new Error(`report fails schemas/report.schema.json: ${published.error.message}`);
  return parsed.data;
}

/** The report the scan command builds: every host judged by `evaluate`, in the scan's order. */
export function judgedReport(scan: ScanResult, evaluate: HostEvaluator, config: ScanReport['config']): ScanReport {
  const judged = new JudgedHosts(evaluate, ruleCatalogue(listRules()));
  scan.hosts.forEach(judged.add);
  return judged.report(scan, config);
}
