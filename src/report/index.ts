import { UserError } from '../errors.js';
import type { OutputOptions } from '../config/schema.js';
import { resolveOutputTargets, writeOutput, type OutputTarget } from './output-target.js';
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

/** Writes every output to its checked target (resolveOutputTargets); returns what was written, `-` for stdout. */
export async function writeReports(
  report: ScanReport,
  targets: ReadonlyMap<ReportFormat, OutputTarget>,
  hostText?: HostText,
  stdout?: NodeJS.WritableStream,
): Promise<string[]> {
  const written: string[] = [];
  for (const format of REPORT_FORMATS) {
    const target = targets.get(format);
    if (!target) continue;
    const writer = await writerFor(format);
    const name = target.kind === 'stdout' ? '-' : target.path;
    try {
      await writeOutput(target, writer.chunks ? writer.chunks(report, hostText) : writer.render(report), stdout);
    } catch (err) {
      throw new UserError(`output.${format}: cannot write ${name} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
    }
    written.push(name);
  }
  return written;
}

/** The outputs' targets, checked before a scan connects; the first bad path is a usage error naming its key. */
export function outputTargets(outputs: OutputOptions): Promise<Map<ReportFormat, OutputTarget>> {
  return resolveOutputTargets(outputs, 'output.');
}
