import { UserError } from '../errors.js';
import type { OutputOptions } from '../config/schema.js';
import { writeFileAtomic } from './atomic.js';
import type { ScanReport } from './schema.js';
import type { HostText } from './spool.js';

export type ReportFormat = keyof OutputOptions;
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'html', 'csv', 'sarif', 'junit'];

/** One output format. Writers read only the ScanReport; the file is written atomically by writeReports. */
export interface ReportWriter {
  format: ReportFormat;
  render(report: ScanReport): string | Buffer;
  /** The same text in pieces, for large reports: written as they come, never held whole. Spooled hosts come from hostText. */
  chunks?(report: ScanReport, hostText?: HostText): Iterable<string>;
}

/** The one place that maps a format to its writer; each format lives in its own module, loaded when used. */
export async function writerFor(format: ReportFormat): Promise<ReportWriter> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).jsonWriter;
    case 'html':
      return (await import('./html.js')).htmlWriter;
    case 'csv':
      return (await import('./csv.js')).csvWriter;
    case 'sarif':
      return (await import('./sarif.js')).sarifWriter;
    case 'junit':
      return (await import('./junit.js')).junitWriter;
  }
}

/** Writes every configured output; returns the paths written. `hostText` gives spooled host entries (JSON only). */
export async function writeReports(report: ScanReport, outputs: OutputOptions, hostText?: HostText): Promise<string[]> {
  const written: string[] = [];
  for (const format of REPORT_FORMATS) {
    const path = outputs[format];
    if (!path) continue;
    const writer = await writerFor(format);
    try {
      await writeFileAtomic(path, writer.chunks ? writer.chunks(report, hostText) : writer.render(report));
    } catch (err) {
      throw new UserError(`output.${format}: cannot write ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
    }
    written.push(path);
  }
  return written;
}
