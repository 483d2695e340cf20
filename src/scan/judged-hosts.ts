import { assembleReport, reportHost, SummaryTally } from '../report/build.js';
import type { ReportHost, ScanReport } from '../core/report/schema.js';
import type { HostSpool } from '../report/spool.js';
import { judgeHost, type HostEvaluator } from './evaluate.js';
import type { CollectedHost, ScanResult } from '../core/report/collected.js';

/**
 * Judges each host as soon as its target is done and keeps its report entry, or, with a spool, parks the entry there,
 * drops the host's facts and keeps a stub: a streamed scan then holds no host's facts or findings.
 */
export class JudgedHosts {
  private readonly entries = new Map<CollectedHost, ReportHost>();
  private readonly tally = new SummaryTally();

  constructor(
    private readonly evaluate: HostEvaluator,
    private readonly catalogue: ScanReport['rules'],
    private readonly spool?: HostSpool,
    /** Sees each host's whole entry before a spool parks it (the terminal table keeps its rows). */
    private readonly onJudged?: (entry: ReportHost) => void,
  ) {}

  readonly add = (host: CollectedHost): void => {
    const { findings, ruleError } = judgeHost(host, this.evaluate);
    let entry = reportHost(host, findings, ruleError);
    this.tally.add(entry);
    this.onJudged?.(entry);
    if (this.spool) {
      entry = this.spool.park(entry);
      host.facts = undefined;
    }
    this.entries.set(host, entry);
  };

  /** The report, hosts in the scan's (target) order. */
  report(scan: ScanResult, config: ScanReport['config']): ScanReport {
    return assembleReport(
      { scan, config, rules: this.catalogue },
      scan.hosts.map((host) => this.entries.get(host)!),
      this.tally.result(),
    );
  }
}
