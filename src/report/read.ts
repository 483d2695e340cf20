import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { ScanReport } from './schema.js';

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

/** Validates a parsed document as a saved report; the error names the file and the first problems. */
export function parseReport(document: unknown, path: string): ScanReport {
  const parsed = ScanReport.safeParse(document);
  if (!parsed.success) throw new UserError(`${path}: not a valid hvscan report: ${issueText(parsed.error)}`);
  return parsed.data;
}

/** Reads a saved report. */
export function readReport(path: string): ScanReport {
  return parseReport(readJsonFile(path), path);
}
