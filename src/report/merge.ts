import { UserError } from '../core/errors.js';
import { canonicalJson, SummaryTally } from './build.js';
import { jsonWithHosts } from './json.js';
import { streamReport, type StreamedReport } from './read-streamed.js';
import type { RuleCatalogue } from '../core/model/index.js';
import type { ScanReport } from '../core/report/schema.js';
import { sortedById } from '../rules/catalogue.js';

/** What a merge found out in its first pass: the merged report without hosts, and what to tell the user. */
export interface MergePlan {
  frame: Omit<ScanReport, 'hosts'>;
  warnings: string[];
  /** The most report text the first pass held at once: one host entry or one rule catalogue, never a whole input. */
  largestHeld: number;
  /** The inputs as opened and checked by the first pass, in order: the second pass only reads their hosts again. */
  inputs: StreamedReport[];
}

/**
 * Shard reports (`hvscan scan --shard i/n`) into one report, one host entry in memory at a time: a first pass checks
 * that the inputs belong together (one schema version, one config, one rule catalogue, no host twice) and adds up
 * their summaries; the second reads each input again and streams its host entries out.
 */
export function planMerge(paths: readonly string[]): MergePlan {
  if (paths.length === 0) throw new UserError('merge: give at least one report');
  const versions = new Map<unknown, string>();
  const rules: RuleCatalogue = {};
  const ruleFrom = new Map<string, string>();
  const hostFrom = new Map<string, string>();
  const tally = new SummaryTally();
  const shards = new Set<number>();
  let shardCount: number | undefined;
  let first: Omit<ScanReport, 'hosts'> | undefined;
  let startedAt = '';
  let finishedAt = '';
  let complete = true;
  let largestHeld = 0;
  const inputs: StreamedReport[] = [];
  for (const path of paths) {
    const input = streamReport(path);
    inputs.push(input);
    const version = input.savedVersion;
    if (!versions.has(version)) versions.set(version, path);
    if (versions.size > 1) {
      const [[a, fileA], [b, fileB]] = [...versions];
      throw new UserError(
        `merge: ${fileA} is schemaVersion ${String(a)} and ${fileB} is ${String(b)}; merge reports of one version (hvscan evaluate rewrites an older one)`,
      );
    }
    const report = input.frame;
    first ??= report;
    if (report.config.digest !== first.config.digest || report.config.profile !== first.config.profile) {
      throw new UserError(
        `merge: ${path} comes from another config or profile than ${paths[0]} (config digest or profile differ)`,
      );
    }
    for (const [id, entry] of Object.entries(report.rules)) {
      const known = rules[id];
      if (known && canonicalJson(known) !== canonicalJson(entry)) {
        throw new UserError(
          `merge: rule ${id} differs between ${ruleFrom.get(id)} and ${path} (rule-catalogue conflict: were they written by different hvscan versions or custom rules?)`,
        );
      }
      rules[id] = entry;
      if (!ruleFrom.has(id)) ruleFrom.set(id, path);
    }
    for (const host of input.hosts()) {
      const key = `${host.target}\0${host.name}`;
      const seen = hostFrom.get(key);
      if (seen) throw new UserError(`merge: host ${host.name} (target ${host.target}) is in both ${seen} and ${path}`);
      hostFrom.set(key, path);
      tally.add(host);
    }
    if (report.shard) {
      if (shardCount !== undefined && shardCount !== report.shard.count) {
        throw new UserError(
          `merge: ${path} is shard ${report.shard.index}/${report.shard.count}, but an earlier input was one of ${shardCount} shards`,
        );
      }
      shardCount = report.shard.count;
      shards.add(report.shard.index);
    }
    startedAt = !startedAt || report.startedAt < startedAt ? report.startedAt : startedAt;
    finishedAt = report.finishedAt > finishedAt ? report.finishedAt : finishedAt;
    complete &&= report.complete;
    largestHeld = Math.max(largestHeld, input.held.largest);
  }
  const warnings: string[] = [];
  if (shardCount !== undefined) {
    const missing = Array.from({ length: shardCount }, (_, i) => i + 1).filter((i) => !shards.has(i));
    if (missing.length > 0) {
      warnings.push(
        `shard(s) ${missing.map((i) => `${i}/${shardCount}`).join(', ')} missing: the merged report is incomplete`,
      );
      complete = false;
    }
  }
  const { shard: _, ...rest } = first!;
  return {
    frame: { ...rest, startedAt, finishedAt, complete, summary: tally.result(), rules: sortedById(rules) },
    warnings,
    largestHeld,
    inputs,
  };
}

/** The merged report's text; each input's hosts are read once more and written in input order. */
export function mergedChunks(plan: MergePlan): Iterable<string> {
  return jsonWithHosts(plan.frame, hostEntries(plan.inputs));
}

function* hostEntries(inputs: readonly StreamedReport[]): Generator<string> {
  for (const input of inputs) {
    for (const host of input.hosts()) yield JSON.stringify(host);
  }
}
