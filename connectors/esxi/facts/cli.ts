import type { z } from 'zod';
import type { EsxiCliSettings } from '../../../src/core/model/index.js';
import { unknown, type Fact } from '../../../src/core/model/fact.js';
import { ESXCLI_COMMANDS, type EsxcliCall, type EsxcliOutcomes, type EsxcliRow } from '../inventory/esxcli/executor.js';

type CliSettings = z.infer<typeof EsxiCliSettings>;

/** Kernel settings the rules read (controls-and-peers.md §4.2: entropy; execInstalledOnly beside the advanced option). */
export const KERNEL_KEYS = ['disableHwrng', 'entropySources', 'execInstalledOnly'];

const NOT_RUN = 'esxcli was not run for this host';

function rowsOf(esxcli: EsxcliOutcomes | undefined, call: EsxcliCall): EsxcliRow[] | string {
  const outcome = esxcli?.[call];
  if (!outcome) return NOT_RUN;
  return outcome.ok ? outcome.value : outcome.reason;
}

function bool(text: string | undefined): boolean | undefined {
  const t = text?.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** One field of a get command's single structure, or why it is missing. */
function field<T>(
  esxcli: EsxcliOutcomes | undefined,
  call: EsxcliCall,
  name: string,
  parse: (text: string | undefined) => T | undefined,
): Fact<T> {
  const rows = rowsOf(esxcli, call);
  if (typeof rows === 'string') return unknown(rows);
  const raw = rows[0]?.[name];
  const value = parse(raw);
  return value === undefined
    ? unknown(
        `esxcli ${ESXCLI_COMMANDS[call]} gave ${raw === undefined ? `no ${name} field` : `an unreadable ${name} "${raw}"`}`,
      )
    : value;
}

function mapAccounts(esxcli: EsxcliOutcomes | undefined): CliSettings['accounts'] {
  const rows = rowsOf(esxcli, 'accounts');
  if (typeof rows === 'string') return unknown(rows);
  const accounts: Array<{ user: string; shellAccess: boolean }> = [];
  for (const row of rows) {
    const shellAccess = bool(row.Shellaccess);
    if (!row.UserID || shellAccess === undefined)
      return unknown(
        `esxcli system account list gave a row without UserID or Shellaccess (${Object.keys(row).join(', ')})`,
      );
    accounts.push({ user: row.UserID, shellAccess });
  }
  return accounts;
}

function mapSyslog(esxcli: EsxcliOutcomes | undefined): CliSettings['syslog'] {
  const persistent = field(esxcli, 'syslog', 'LocalLogOutputIsPersistent', bool);
  if (typeof persistent !== 'boolean') return persistent;
  return {
    localLogOutputIsPersistent: persistent,
    logFilteringEnabled: field(esxcli, 'logFilter', 'LogFilteringEnabled', bool),
  };
}

/** Name → Configured (the value that applies from the next boot, what SCG/STIG checks read), Runtime when unset. */
function mapKernel(esxcli: EsxcliOutcomes | undefined): CliSettings['kernel'] {
  const rows = rowsOf(esxcli, 'kernel');
  if (typeof rows === 'string') return unknown(rows);
  const out: Record<string, string> = {};
  for (const row of rows) {
    const value = row.Configured || row.Runtime;
    if (row.Name && KERNEL_KEYS.includes(row.Name) && value !== undefined) out[row.Name] = value;
  }
  return out;
}

function mapSshServer(esxcli: EsxcliOutcomes | undefined): CliSettings['sshServer'] {
  const rows = rowsOf(esxcli, 'sshServer');
  if (typeof rows === 'string') return unknown(rows);
  // An empty value is an empty <Value/> element (''); a row without the element has its value unknown, not ''.
  return Object.fromEntries(
    rows
      .filter((r) => r.Key)
      .map((r) => [
        r.Key!.toLowerCase(),
        r.Value ?? unknown(`esxcli system ssh server config list gave keyword ${r.Key} without a Value`),
      ]),
  );
}

const SECURITY = ['none', 'auth', 'priv'] as const;

/**
 * `system snmp get` → Authentication and Privacy (agent protocols: none, SHA1/MD5; none, AES128) and Users, each
 * "userid/authhash/privhash/security" with security none, auth or priv (vSphere Monitoring and Performance, "Configure
 * SNMP Users"). The structured field names follow esxcli's printed labels and are unverified against a live host.
 */
function mapSnmpV3(esxcli: EsxcliOutcomes | undefined): CliSettings['snmpV3'] {
  const rows = rowsOf(esxcli, 'snmp');
  if (typeof rows === 'string') return unknown(rows);
  const row = rows[0] ?? {};
  if (row.Authentication === undefined || row.Privacy === undefined)
    return unknown(`esxcli system snmp get gave no Authentication or Privacy field (${Object.keys(row).join(', ')})`);
  const users: Array<{ user: string; security: (typeof SECURITY)[number] }> = [];
  // Users is a list: a reply serialises an empty list as no element at all (as vim25 leaves out empty arrays), so no
  // Users field means no users, while Authentication and Privacy above are always there (unverified on a live host).
  for (const entry of (row.Users ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)) {
    const parts = entry.split('/');
    const security = parts[parts.length - 1] as (typeof SECURITY)[number];
    if (parts.length < 4 || !SECURITY.includes(security))
      return unknown(`esxcli system snmp get gave an unreadable user entry (${parts.length} fields)`);
    users.push({ user: parts[0]!, security });
  }
  const enabled =
    bool(row.Enable) ??
    unknown(
      `esxcli system snmp get gave ${row.Enable === undefined ? 'no Enable field' : `an unreadable Enable "${row.Enable}"`}`,
    );
  return { enabled, authentication: row.Authentication, privacy: row.Privacy, users };
}

export function mapCli(esxcli: EsxcliOutcomes | undefined): CliSettings {
  const text = (t: string | undefined) => (t ? t : undefined);
  return {
    accounts: mapAccounts(esxcli),
    syslog: mapSyslog(esxcli),
    keyPersistence: field(esxcli, 'keyPersistence', 'Enabled', bool),
    kernel: mapKernel(esxcli),
    tlsProfile: field(esxcli, 'tlsServer', 'Profile', text),
    tlsRebootRequired: field(esxcli, 'tlsServer', 'RebootRequired', bool),
    sshServer: mapSshServer(esxcli),
    sshFips: field(esxcli, 'sshFips', 'Enabled', bool),
    snmpV3: mapSnmpV3(esxcli),
  };
}

/** esxcli `hardware cpu global get` → HVSupport (0-3, KB 1011712); the structured field name is unverified (verification.md §1). */
export function hvSupport(esxcli: EsxcliOutcomes | undefined): Fact<number> {
  return field(esxcli, 'cpuGlobal', 'HVSupport', (t) =>
    t !== undefined && /^[0-3]$/.test(t.trim()) ? Number(t) : undefined,
  );
}

/**
 * Boot modules (tardisks) of the running image with their sizes, from esxcli system visorfs tardisk list. The Name and
 * Bytes field mapping is from esxcli's documented output columns, not checked against a live host's structured output.
 */
export function mapTardisks(esxcli: EsxcliOutcomes | undefined): Fact<Array<{ name: string; bytes: number }>> {
  const rows = rowsOf(esxcli, 'tardisks');
  if (typeof rows === 'string') return unknown(`boot modules unavailable: ${rows}`);
  const tardisks: Array<{ name: string; bytes: number }> = [];
  for (const row of rows) {
    const bytes = Number(row.Bytes);
    if (!row.Name || row.Bytes === undefined || !Number.isFinite(bytes) || bytes < 0) {
      return unknown(
        `esxcli system visorfs tardisk list gave a row without Name or numeric Bytes (${Object.keys(row).join(', ')})`,
      );
    }
    tardisks.push({ name: row.Name, bytes });
  }
  if (tardisks.length === 0) return unknown('esxcli system visorfs tardisk list listed no boot modules');
  return tardisks;
}
