import type { RuleCatalogue } from '../core/model/index.js';
import { UserError } from '../core/errors.js';
import { ruleCatalogue, sortedById } from '../rules/catalogue.js';
import { listRules } from '../rules/registry.js';
import { upgradeSavedHostFootprint } from './footprint-upgrade.js';
import { jsonAt, jsonMembers, type ByteRange, type HeldText } from './json-members.js';
import { issueText } from './read.js';
import { ReportHost, ScanReport } from '../core/report/schema.js';
import { ReportHostV1, ScanReportV1, upgradeV1Host } from './schema-v1.js';

/** A saved report read from its file host by host: neither its hosts nor the file's text are ever all in memory. */
export interface StreamedReport {
  /** Every field but the hosts, as a current report (a v1 report's rule catalogue made from its findings). */
  frame: Omit<ScanReport, 'hosts'>;
  /** The hosts, read again from the file on every call, each checked and upgraded as `readReport` does. */
  hosts(): Iterable<ReportHost>;
  /**
   * The last host of this name (the one a diff pairs by name), read again from where in the file the check on opening
   * found it: only each name's byte range is held.
   */
  hostNamed(name: string): ReportHost | undefined;
  /** The most text the reads held at once (one host entry, or the rule catalogue). */
  held: HeldText;
  /** The schemaVersion the file was written with (`frame` is always the current one). */
  savedVersion: number;
}

const FRAME = ScanReport.omit({ hosts: true });
const FRAME_V1 = ScanReportV1.omit({ hosts: true });

/**
 * Opens a saved report (current schemaVersion or 1) to be read host by host. The file is read twice before any host
 * is used, value by value: the fields but the hosts, then every host entry checked as `readReport` checks it (noting
 * where each host's entry lies), so a damaged report is refused up front. hvscan writes `schemaVersion` first; a
 * report whose hosts come before it is not one hvscan wrote.
 */
export function streamReport(path: string): StreamedReport {
  const held: HeldText = { largest: 0 };
  const invalid = (why: string) => new UserError(`${path}: not a valid hvscan report: ${why}`);
  const fields: Record<string, unknown> = {};
  let hostsFirst = false;
  for (const member of jsonMembers(path, 'hosts', held)) {
    if (member.kind === 'member') fields[member.key] = member.value;
    else hostsFirst ||= !('schemaVersion' in fields);
  }
  if (hostsFirst) throw invalid('its hosts come before its schemaVersion');
  const v1 = fields.schemaVersion === 1;
  const parsed = v1 ? FRAME_V1.safeParse(fields) : FRAME.safeParse(fields);
  if (!parsed.success) throw invalid(issueText(parsed.error));
  const catalogue = v1 ? ruleCatalogue(listRules()) : {};
  // A v1 report records each rule with its findings: the catalogue fills as its hosts are checked.
  const rules: RuleCatalogue = 'rules' in parsed.data ? parsed.data.rules : {};
  const hostOf = (raw: unknown, index: number): ReportHost => {
    const document = upgradeSavedHostFootprint(raw);
    if (v1) {
      const host = ReportHostV1.safeParse(document);
      if (!host.success) throw invalid(`hosts.${index}: ${issueText(host.error)}`);
      return upgradeV1Host(host.data, catalogue, rules);
    }
    const host = ReportHost.safeParse(document);
    if (!host.success) throw invalid(`hosts.${index}: ${issueText(host.error)}`);
    const uncatalogued = host.data.findings.find((f) => !rules[f.ruleId]);
    if (uncatalogued) throw invalid(`rule ${uncatalogued.ruleId} has findings but no entry in rules`);
    return host.data;
  };
  type Place = { at: ByteRange; index: number };
  const placedHosts = function* (): Generator<{ host: ReportHost } & Place> {
    let index = 0;
    for (const member of jsonMembers(path, 'hosts', held))
      if (member.kind === 'element') yield { host: hostOf(member.value, index), at: member.at, index: index++ };
  };
  const places = new Map<string, Place>();
  // The first entry of a name, as the older report's side and the audit pair them.
  for (const { host, at, index } of placedHosts()) if (!places.has(host.name)) places.set(host.name, { at, index });
  return {
    frame: { ...parsed.data, schemaVersion: 2, rules: v1 ? sortedById(rules) : rules } as Omit<ScanReport, 'hosts'>,
    *hosts() {
      for (const { host } of placedHosts()) yield host;
    },
    hostNamed(name) {
      const place = places.get(name);
      if (!place) return undefined;
      const host = hostOf(jsonAt(path, place.at, held), place.index);
      if (host.name !== name)
        throw invalid(`hosts.${place.index} is no longer host ${name}: was it changed while being read?`);
      return host;
    },
    held,
    savedVersion: parsed.data.schemaVersion,
  };
}
