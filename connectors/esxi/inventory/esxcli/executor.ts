import { CollectError } from '../../../../src/core/connector/errors.js';
import { VimFault } from '../../vim25/fault.js';
import type { HostRaw, Outcome } from '../retrieve.js';
import type { VimSession } from '../../vim25/session.js';
import { children, parseXml, scopeOf, xsiType, type XmlNode } from '../../vim25/soap/xml.js';
import { isMoRef, obj, refKey, str, type MoRef, type VimValue } from '../../vim25/value.js';

/**
 * esxcli over the vSphere API (vsphere-api.md §3.6), the way govmomi's `govc host.esxcli` does it
 * (cli/esx/executor.go, command.go): HostSystem.RetrieveManagedMethodExecuter, then
 * ReflectManagedMethodExecuter.ExecuteSoap(moid "ha-cli-handler-<namespace with ->", version "urn:vim25/5.0",
 * method "vim.EsxCLI.<namespace>.<command>"). None of these commands takes arguments, so the DynamicTypeManager
 * step govc uses to parse flags (vim.CLIInfo.FetchCLIInfo) is not needed. Internal API: any host may lack it.
 */
export const ESXCLI_COMMANDS = {
  cpuGlobal: 'hardware cpu global get',
  accounts: 'system account list',
  syslog: 'system syslog config get',
  logFilter: 'system syslog config logfilter get',
  keyPersistence: 'system security keypersistence get',
  kernel: 'system settings kernel list',
  tlsServer: 'system tls server get',
  sshServer: 'system ssh server config list',
  sshFips: 'system security fips140 ssh get',
  tardisks: 'system visorfs tardisk list',
  // SNMP v3 users and protocols live only here: HostSnmpConfigSpec has no users (vim25-types.json).
  snmp: 'system snmp get',
} as const;
export type EsxcliCall = keyof typeof ESXCLI_COMMANDS;

/** One result row: field name as esxcli's structured output spells it (CamelCase) → its text. */
export type EsxcliRow = Record<string, string>;
export type EsxcliOutcomes = Record<EsxcliCall, Outcome<EsxcliRow[]>>;

/** The version govmomi always sends: the esxcli dynamic types live in vim.version.version5. */
export const ESXCLI_VERSION = 'urn:vim25/5.0';

/** `system syslog config get` → moid ha-cli-handler-system-syslog-config, method vim.EsxCLI.system.syslog.config.get. */
export function esxcliTarget(command: string): { moid: string; method: string } {
  const parts = command.split(' ');
  return { moid: `ha-cli-handler-${parts.slice(0, -1).join('-')}`, method: `vim.EsxCLI.${parts.join('.')}` };
}

function text(node: XmlNode): string | undefined {
  if (typeof node === 'string') return node;
  const t = node['#text'];
  if (t !== undefined) return String(t);
  return children(node).length === 0 ? '' : undefined;
}

/** Simple fields of one structure; nested structures (none in the commands we run) are left out. */
function fields(node: XmlNode): EsxcliRow {
  const row: EsxcliRow = {};
  for (const [name, child] of children(node)) {
    const value = text(child);
    if (value === undefined) continue;
    row[name] = name in row ? `${row[name]},${value}` : value;
  }
  return row;
}

const SCALARS = new Set(['string', 'boolean', 'long', 'int']);

/**
 * Parses ExecuteSoap's `response` string: `<obj xsi:type="ArrayOfDataObject"><DataObject …>fields</DataObject>…</obj>`
 * for list commands, `<obj xsi:type="VimEsxCLI…">fields</obj>` for get commands, `<obj xsi:type="xsd:string">v</obj>`
 * for scalars (govmomi cli/esx/response.go reads the same three shapes).
 */
export function parseEsxcliResponse(response: string): EsxcliRow[] {
  const root = children(parseXml(response) as XmlNode)[0]?.[1];
  if (root === undefined) throw new Error('no root element');
  const type = xsiType(root, scopeOf(root, {}));
  if (type === 'ArrayOfDataObject')
    return children(root)
      .filter(([name]) => name === 'DataObject')
      .map(([, row]) => fields(row));
  if (type !== undefined && SCALARS.has(type)) return [{ value: text(root) ?? '' }];
  return [fields(root)];
}

/** Depth-first: the element carrying the given xsi:type, the root included. */
function findTyped(node: XmlNode, scope: ReturnType<typeof scopeOf>, type: string): XmlNode | undefined {
  const own = scopeOf(node, scope);
  if (xsiType(node, own) === type) return node;
  for (const [, child] of children(node)) {
    const hit = findTyped(child, own, type);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * An esxcli error as the user should read it. ExecuteSoap's `returnval.fault` holds faultMsg, the localisation key
 * "EsxCLI.CLIFault.summary", and faultDetail, the serialised fault: a LocalizedMethodFault whose `fault` is a
 * VimEsxCLICLIFault (rbvmomi's ReflectManagedMethodExecuter reads `.fault.errMsg`; govmomi's simulator
 * esxcli_executer.go writes the same), or the fault itself (pyVmomi's MMESoapStubAdapter deserialises it as one).
 * The text is in its errMsg strings; raw XML never reaches the reason.
 */
export function describeEsxcliFault(faultMsg: string | undefined, faultDetail: string | undefined): string {
  let type: string | undefined;
  if (faultDetail) {
    try {
      const [, root] = children(parseXml(faultDetail) as XmlNode)[0] ?? [];
      const cli = root === undefined ? undefined : findTyped(root, {}, 'VimEsxCLICLIFault');
      const messages = children(cli)
        .filter(([name]) => name === 'errMsg')
        .map(([, m]) => text(m)?.trim())
        .filter((m): m is string => !!m);
      if (messages.length > 0) return messages.join(' ');
      type =
        root === undefined
          ? undefined
          : (xsiType(children(root).find(([n]) => n === 'fault')?.[1] ?? root, scopeOf(root, {})) ??
            xsiType(root, scopeOf(root, {})));
    } catch {
      // Not XML: only the message below is shown.
    }
  }
  const key = faultMsg && /^[\w.]+\.summary$/.test(faultMsg) ? faultMsg : undefined;
  const message = faultMsg && !key ? faultMsg : undefined;
  return [message ?? 'no error message', type ? `(${type}${key ? `, ${key}` : ''})` : key ? `(${key})` : '']
    .filter(Boolean)
    .join(' ');
}

type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

export function everyCall(reason: string): EsxcliOutcomes {
  return Object.fromEntries(
    Object.keys(ESXCLI_COMMANDS).map((call) => [call, { ok: false, reason }]),
  ) as EsxcliOutcomes;
}

/** A fault is that fact's reason; a transport failure is also a collection error; an abort ends the scan. */
function failure(err: unknown, host: HostRaw, what: string, signal: AbortSignal): string {
  if (err instanceof VimFault) return `${what} failed: ${err.message}`;
  if (signal.aborted || !(err instanceof CollectError)) throw err;
  host.errors.push({ step: err.step, section: 'esxcli', message: `${what}: ${err.message}`, code: err.code });
  return `${what} failed: ${err.message}`;
}

async function execute(
  session: VimSession,
  mme: MoRef,
  call: EsxcliCall,
  host: HostRaw,
  signal: AbortSignal,
): Promise<Outcome<EsxcliRow[]>> {
  const command = ESXCLI_COMMANDS[call];
  const { moid, method } = esxcliTarget(command);
  let result;
  try {
    result = obj(await session.invoke('ExecuteSoap', mme, { moid, version: ESXCLI_VERSION, method }));
  } catch (err) {
    return { ok: false, reason: failure(err, host, `esxcli ${command} (ExecuteSoap ${moid})`, signal) };
  }
  const fault = obj(result?.fault);
  if (fault)
    return {
      ok: false,
      reason: `esxcli ${command} reported a fault: ${describeEsxcliFault(str(fault.faultMsg), str(fault.faultDetail))}`,
    };
  const response = str(result?.response);
  if (response === undefined) return { ok: false, reason: `esxcli ${command}: ExecuteSoap returned no response` };
  try {
    return { ok: true, value: parseEsxcliResponse(response) };
  } catch (err) {
    return { ok: false, reason: `esxcli ${command}: the response is not well-formed XML (${(err as Error).message})` };
  }
}

/** A call's result or its error, held until the host it belongs to is known. */
export type Settled = { value: VimValue | undefined } | { error: unknown };

function settle(p: Promise<VimValue | undefined>): Promise<Settled> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** Asks a host for its executer ahead of time (a standalone ESXi host's HostSystem is always ha-host). */
export function prefetchExecuter(session: VimSession, hostRef: MoRef): { ref: MoRef; result: Promise<Settled> } {
  return { ref: hostRef, result: settle(session.invoke('RetrieveManagedMethodExecuter', hostRef)) };
}

/**
 * Every host's esxcli facts: one RetrieveManagedMethodExecuter per host (or the prefetched one), then its commands
 * concurrently under `limit`, beside the manager wave.
 */
export async function collectEsxcli(
  session: VimSession,
  hosts: HostRaw[],
  limit: Limit,
  signal: AbortSignal,
  prefetched?: { ref: MoRef; result: Promise<Settled> },
): Promise<void> {
  await Promise.all(
    hosts.map(async (host) => {
      const settled =
        prefetched && refKey(prefetched.ref) === refKey(host.ref)
          ? await prefetched.result
          : await limit(() => settle(session.invoke('RetrieveManagedMethodExecuter', host.ref)));
      if ('error' in settled) {
        const why = failure(
          settled.error,
          host,
          `esxcli over the vSphere API is unavailable: RetrieveManagedMethodExecuter on HostSystem ${host.ref.value}`,
          signal,
        );
        host.esxcli = everyCall(why);
        return;
      }
      const mme = settled.value;
      if (!isMoRef(mme)) {
        host.esxcli = everyCall(`RetrieveManagedMethodExecuter on HostSystem ${host.ref.value} returned no executer`);
        return;
      }
      const calls = Object.keys(ESXCLI_COMMANDS) as EsxcliCall[];
      const outcomes = await Promise.all(calls.map((call) => limit(() => execute(session, mme, call, host, signal))));
      host.esxcli = Object.fromEntries(calls.map((call, i) => [call, outcomes[i]])) as EsxcliOutcomes;
    }),
  );
}
