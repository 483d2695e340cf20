import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { ScanReport } from './schema.js';

/** Reads a saved report, with an error that names the file and the first problem. */
export function readReport(path: string): ScanReport {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(`${path}: cannot read JSON (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const parsed = ScanReport.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${path}: not a valid hvscan report: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}
