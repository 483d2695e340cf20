import type { SimHost } from './host-model.js';
import { argString, managedObjectNotFound, methodNotFound, restrictedVersion } from './faults.js';
import type { Arg } from './soap-codec.js';
import { escapeXml } from '../../core/text/escape.js';
import { data, moref, type Data, type MoRef } from './values.js';

/**
 * esxcli behind the internal ReflectManagedMethodExecuter (vsphere-api.md §3.6), for the commands the connector runs.
 * ExecuteSoap answers with the command's result as an XML string in the shape govmomi's cli/esx/response.go reads:
 * `<obj xsi:type="ArrayOfDataObject"><DataObject …>` for lists, a single typed `<obj>` for gets. Field names follow
 * esxcli's structured output (PowerCLI Get-EsxCli -V2 prints the same names); the `VimEsxCLI…` data object type names
 * are built from the command words and are ours. A handler this release lacks faults with ManagedObjectNotFound, an
 * unknown method on a present handler with MethodNotFound (our modelling of a host without them).
 */
type Row = Record<string, string | number | boolean | string[]>;
interface Command {
  struct: string;
  list: boolean;
  rows(host: SimHost): Row[];
}

const bool = (b: boolean) => String(b);

const COMMANDS: Record<string, Command> = {
  'hardware cpu global get': {
    struct: 'CPUGlobal',
    list: false,
    rows: ({ profile: { hardware: h, esxcli } }) => [
      {
        CPUCores: h.cores,
        CPUPackages: h.packages,
        CPUThreads: h.threads,
        HVReplayCapable: false,
        HVReplayDisabledReasons: '',
        HVSupport: esxcli.hvSupport,
        HyperthreadingActive: h.threads > h.cores,
        HyperthreadingEnabled: h.threads > h.cores,
        HyperthreadingSupported: true,
      },
    ],
  },
  'system account list': {
    struct: 'Account',
    list: true,
    rows: ({ profile }) =>
      Object.entries(profile.esxcli.accounts).map(([user, a]) => ({
        Description: a.description,
        Shellaccess: bool(a.shellAccess),
        UserID: user,
      })),
  },
  'system syslog config get': {
    struct: 'SyslogConfiguration',
    list: false,
    rows: ({
      profile: {
        esxcli: { syslog: s },
      },
    }) => [
      {
        LocalLogOutput: s.localLogOutput,
        LocalLogOutputIsConfigured: false,
        LocalLogOutputIsPersistent: s.localLogOutputIsPersistent,
        LogLevel: s.logLevel,
        RemoteHost: s.remoteHost,
      },
    ],
  },
  'system syslog config logfilter get': {
    struct: 'LogFilter',
    list: false,
    rows: ({ profile }) => [{ LogFilteringEnabled: profile.esxcli.logFilteringEnabled }],
  },
  'system security keypersistence get': {
    struct: 'KeyPersistence',
    list: false,
    rows: ({ profile }) => [{ Enabled: profile.esxcli.keyPersistence }],
  },
  'system settings kernel list': {
    struct: 'KernelSetting',
    list: true,
    rows: ({ profile }) =>
      Object.entries(profile.esxcli.kernel).map(([name, k]) => ({
        Configured: k.configured,
        Default: k.default,
        Description: k.description,
        Name: name,
        Runtime: k.runtime,
        Type: k.type,
      })),
  },
  'system tls server get': {
    struct: 'TlsServer',
    list: false,
    rows: ({ profile }) => [{ Profile: profile.esxcli.tlsProfile, RebootRequired: 'false' }],
  },
  'system ssh server config list': {
    struct: 'SshServerConfig',
    list: true,
    rows: ({ profile }) => Object.entries(profile.esxcli.sshServer).map(([key, value]) => ({ Key: key, Value: value })),
  },
  'system security fips140 ssh get': {
    struct: 'Fips140Ssh',
    list: false,
    rows: ({ profile }) => [{ Enabled: profile.esxcli.sshFips }],
  },
  // Field names as esxcli prints them (Authentication, Privacy, Users...): their structured spelling is unverified.
  'system snmp get': {
    struct: 'SnmpGet',
    list: false,
    rows: ({ profile: { snmp, esxcli } }) => [
      {
        Authentication: esxcli.snmp.authentication,
        Communities: snmp.readOnlyCommunities,
        Enable: snmp.enabled,
        Engineid: '00000063000000a100000000',
        Port: snmp.port,
        Privacy: esxcli.snmp.privacy,
        Users: esxcli.snmp.users,
      },
    ],
  },
  'system visorfs tardisk list': {
    struct: 'Tardisk',
    list: true,
    rows: ({ profile }) =>
      Object.entries(profile.esxcli.tardisks).map(([name, bytes]) => ({
        Bytes: bytes,
        InBootbank: true,
        IsPersisted: false,
        IsSystem: true,
        Name: name,
      })),
  },
};

/** The executer a HostSystem hands out: per host, named like vCenter's `ManagedMethodExecuter-<n>`. */
export function executerRef(host: SimHost): MoRef {
  return moref(
    'ReflectManagedMethodExecuter',
    host.moId.startsWith('host-') ? `ManagedMethodExecuter-${host.moId.slice(5)}` : 'ha-managed-method-executer',
  );
}

/** A list field repeats its element, as vmomi serialises arrays inside a data object. */
function fields(row: Row): string {
  return Object.entries(row)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `<${k}>${escapeXml(String(x))}</${k}>`))
    .join('');
}

/**
 * An esxcli-level error: ExecuteSoap succeeds and its result carries faultMsg "EsxCLI.CLIFault.summary" and the
 * serialised LocalizedMethodFault wrapping a VimEsxCLICLIFault (govmomi simulator/esxcli_executer.go, rbvmomi).
 */
function cliFault(errMsg: string[]): Data {
  const detail =
    '<obj xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:vim25" versionId="5.0" xsi:type="LocalizedMethodFault">' +
    `<fault xsi:type="VimEsxCLICLIFault">${errMsg.map((m) => `<errMsg>${escapeXml(m)}</errMsg>`).join('')}</fault><localizedMessage>EsxCLI.CLIFault.summary</localizedMessage></obj>`;
  return data('ReflectManagedMethodExecuterSoapResult', {
    fault: data('ReflectManagedMethodExecuterSoapFault', { faultMsg: 'EsxCLI.CLIFault.summary', faultDetail: detail }),
  });
}

function render(words: string[], command: Command, rows: Row[]): string {
  const type = `VimEsxCLI${words.join('')}${command.struct}`;
  const open = (t: string) =>
    `<obj xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:vim25" versionId="5.0" xsi:type="${t}">`;
  if (!command.list) return `${open(type)}${fields(rows[0] ?? {})}</obj>`;
  return `${open('ArrayOfDataObject')}${rows.map((r) => `<DataObject xsi:type="${type}">${fields(r)}</DataObject>`).join('')}</obj>`;
}

export function executeSoap(host: SimHost, args: Record<string, Arg | Arg[]>): Data {
  // Free ESXi: RestrictedVersion with the text hosts print (vmware/pyvmomi#625, vsphere-flocker-driver#35).
  if (host.profile.freeLicense) throw restrictedVersion();
  const moid = argString(args.moid) ?? '';
  const method = argString(args.method) ?? '';
  const namespaces = new Set(Object.keys(COMMANDS).map((c) => c.split(' ').slice(0, -1).join(' ')));
  for (const missing of host.profile.esxcli.missingNamespaces) namespaces.delete(missing);
  const namespace = [...namespaces].find((ns) => `ha-cli-handler-${ns.replace(/ /g, '-')}` === moid);
  if (!namespace) throw managedObjectNotFound(moref('ManagedObject', moid));
  const words = method.replace(/^vim\.EsxCLI\./, '').split('.');
  const command = COMMANDS[words.join(' ')];
  if (!method.startsWith('vim.EsxCLI.') || !command || words.slice(0, -1).join(' ') !== namespace)
    throw methodNotFound(moref(`vim.EsxCLI.${namespace.replace(/ /g, '.')}`, moid), method);
  const errMsg = host.profile.esxcli.cliFaults?.[words.join(' ')];
  if (errMsg) return cliFault(errMsg);
  return data('ReflectManagedMethodExecuterSoapResult', { response: render(words, command, command.rows(host)) });
}
