import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { writeOutputPath } from '../report/output-target.js';
import { readJsonFile } from '../report/read.js';
import { streamReport, type StreamedReport } from '../report/read-streamed.js';
import { ScanReport } from '../core/report/schema.js';

export const HISTORY_SCHEMA_VERSION = 1;

export const RunEntry = z
  .object({
    id: z.string(),
    dir: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    complete: z.boolean(),
    exitCode: z.number().int(),
    summary: ScanReport.shape.summary,
    changes: z
      .object({ newFindings: z.number().int(), resolvedFindings: z.number().int(), drift: z.number().int() })
      .strict()
      .nullable(),
  })
  .strict();
export type RunEntry = z.infer<typeof RunEntry>;

export const HistoryIndex = z
  .object({ schemaVersion: z.literal(HISTORY_SCHEMA_VERSION), runs: z.array(RunEntry) })
  .strict();
export type HistoryIndex = z.infer<typeof HistoryIndex>;

/** The files of one run, relative to its run directory. */
export const RUN_FILES = {
  report: 'report.json',
  html: 'report.html',
  csv: 'findings.csv',
  diff: 'diff.json',
  diffText: 'diff.txt',
} as const;

/** A history folder: runs/<id>/ per audit plus index.json, the table of contents. */
export class History {
  readonly indexPath: string;
  readonly lockPath: string;
  constructor(readonly root: string) {
    this.indexPath = join(root, 'index.json');
    this.lockPath = join(root, '.audit.lock');
  }

  ensure(): void {
    mkdirSync(join(this.root, 'runs'), { recursive: true });
  }

  readIndex(): HistoryIndex {
    if (!existsSync(this.indexPath)) return { schemaVersion: HISTORY_SCHEMA_VERSION, runs: [] };
    const parsed = HistoryIndex.safeParse(readJsonFile(this.indexPath));
    if (!parsed.success)
      throw new UserError(`${this.indexPath}: not an hvscan history index (${parsed.error.issues[0]?.message})`);
    return parsed.data;
  }

  async writeIndex(index: HistoryIndex): Promise<void> {
    await writeOutputPath(this.indexPath, 'history index', JSON.stringify(index, null, 2) + '\n');
  }

  /** Run ids sort in time order and are safe as folder names on every OS. */
  runId(startedAt: string): string {
    return startedAt.replace(/[:.]/g, '-');
  }

  runDir(id: string): string {
    return join(this.root, 'runs', id);
  }

  /**
   * The newest earlier run whose report can still be read (for the diff), read host by host: a run's report can be
   * larger than the memory a scan takes.
   */
  previousReport(index: HistoryIndex): { entry: RunEntry; report: StreamedReport } | undefined {
    for (const entry of [...index.runs].reverse()) {
      const path = join(this.root, entry.dir, RUN_FILES.report);
      if (!existsSync(path)) continue;
      try {
        return { entry, report: streamReport(path) };
      } catch {
        // A damaged or hand-edited run is passed over: the diff goes against the newest readable one.
      }
    }
    return undefined;
  }

  /** Removes runs older than keepMs (by start time), always keeping the newest run. Returns the ids removed. */
  prune(index: HistoryIndex, keepMs: number, now: Date): { index: HistoryIndex; removed: string[] } {
    const cutoff = now.getTime() - keepMs;
    const newest = index.runs.at(-1)?.id;
    const removed: string[] = [];
    const runs = index.runs.filter((run) => {
      if (run.id === newest || Date.parse(run.startedAt) >= cutoff) return true;
      rmSync(join(this.root, run.dir), { recursive: true, force: true });
      removed.push(run.id);
      return false;
    });
    // Folders left by runs that never reached the index (a crash between writing and indexing) age out too.
    const known = new Set(runs.map((r) => r.id));
    for (const dir of readdirSync(join(this.root, 'runs'))) {
      const started = Date.parse(dir.replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z'));
      if (!known.has(dir) && Number.isFinite(started) && started < cutoff) {
        rmSync(join(this.root, 'runs', dir), { recursive: true, force: true });
        removed.push(dir);
      }
    }
    return { index: { ...index, runs }, removed };
  }
}
