import { UserError } from '../core/errors.js';
import type { OutputOptions } from '../core/config/schema.js';
import { resolveOutputTargets, writeOutput, type OutputTarget } from './output-target.js';
import type { ScanReport } from '../core/report/schema.js';
import { hostSource, type HostSource } from './host-source.js';
import type { HostText } from './spool.js';

export type ReportFormat = keyof OutputOptions;
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'html', 'csv', 'sarif', 'junit', 'ndjson'];
/** The file name ending of each format, for outputs written beside the JSON report (`--format`). */
export const FORMAT_EXTENSIONS: Readonly<Record<ReportFormat, string>> = {
  json: '.json',
  html: '.html',
  csv: '.csv',
  sarif: '.sarif',
  junit: '.junit.xml',
  ndjson: '.ndjson',
};

/**
 * One output format: its text in pieces, written as they come and never held whole. The hosts come from `hosts`, one
 * at a time (a streamed scan's `report.hosts` are stubs); everything else from the report.
 */
export interface ReportWriter {
  format: ReportFormat;
  chunks(report: ScanReport, hosts: HostSource): Iterable<string>;
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
    case 'ndjson':
      return (await import('./ndjson.js')).ndjsonWriter;
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
      await writeOutput(target, writer.chunks(report, hostSource(report, hostText)), stdout);
    } catch (err) {
      throw new UserError(
        `output.${format}: cannot write ${name} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        { cause: err },
      );
    }
    written.push(name);
  }
  return written;
}

/**
 * `--format a,b` (any case, no repeats): the report files to write, and whether `table` (the findings table on stdout,
 * as trivy's and prowler's default output) was named. An unknown name is a usage error listing the choices.
 */
export function formatsFrom(text: string): { files: ReportFormat[]; table: boolean } | undefined {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((name) => name !== 'table' && !(REPORT_FORMATS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) return undefined;
  return {
    files: [...new Set(names.filter((name): name is ReportFormat => name !== 'table'))],
    table: names.includes('table'),
  };
}

/**
 * Where `--format` sends each format: the JSON report at `output` (or the default path), every other format beside it
 * with its own extension (report.json → report.html, report.sarif…). `-o -` takes exactly one format, on stdout.
 */
export function outputsForFormats(formats: readonly ReportFormat[], output: string): OutputOptions {
  if (formats.length === 0) return {};
  if (output === '-') {
    if (formats.length > 1) throw new UserError(`--format: -o - (stdout) takes one format, got ${formats.join(',')}`);
    return { [formats[0]!]: '-' };
  }
  const base = output.endsWith('.json') ? output.slice(0, -'.json'.length) : output;
  return Object.fromEntries(
    formats.map((format) => [format, format === 'json' ? output : `${base}${FORMAT_EXTENSIONS[format]}`]),
  );
}

/** The outputs' targets, checked before a scan connects; the first bad path is a usage error naming its key. */
export function outputTargets(outputs: OutputOptions): Promise<Map<ReportFormat, OutputTarget>> {
  return resolveOutputTargets(outputs, 'output.');
}
