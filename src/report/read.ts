import { readFileSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { ruleCatalogue } from '../rules/catalogue.js';
import { listRules } from '../rules/registry.js';
import { upgradeSavedFootprints } from './footprint-upgrade.js';
import { ScanReport } from '../core/report/schema.js';
import { ScanReportV1, upgradeV1 } from './schema-v1.js';

/** Reads a JSON file, with an error that names the file and why it could not be read. */
export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(`${path}: cannot read JSON (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** The first few schema problems as `path: message`, for one-line errors. */
export function issueText(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Validates a parsed document as a saved report, of this schemaVersion or of version 1 (upgraded on reading, so
 * audit histories made before the rule catalogue keep working), its footprint upgraded when it predates the three
 * measures; the error names the file and the first problems.
 */
export function parseReport(saved: unknown, path: string): ScanReport {
  const document = upgradeSavedFootprints(saved);
  const version = (document as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version === 1) {
    const parsed = ScanReportV1.safeParse(document);
    if (!parsed.success)
      throw new UserError(`${path}: not a valid hvscan report (schemaVersion 1): ${issueText(parsed.error)}`);
    return upgradeV1(parsed.data, ruleCatalogue(listRules()));
  }
  const parsed = ScanReport.safeParse(document);
  if (!parsed.success) throw new UserError(`${path}: not a valid hvscan report: ${issueText(parsed.error)}`);
  const uncatalogued = parsed.data.hosts
    .flatMap((h) => h.findings.map((f) => f.ruleId))
    .find((id) => !parsed.data.rules[id]);
  if (uncatalogued)
    throw new UserError(`${path}: not a valid hvscan report: rule ${uncatalogued} has findings but no entry in rules`);
  return parsed.data;
}

/** Reads a saved report. */
export function readReport(path: string): ScanReport {
  return parseReport(readJsonFile(path), path);
}
