import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  collectEsxcli,
  ESXCLI_COMMANDS,
  esxcliTarget,
  parseEsxcliResponse,
  type EsxcliOutcomes,
} from '../../connectors/esxi/inventory/esxcli/executor.js';
import { hvSupport, mapCli, mapTardisks } from '../../connectors/esxi/facts/cli.js';
import { mapCpu } from '../../connectors/esxi/facts/cpu.js';
import { HttpEndpoint } from '../../connectors/esxi/vim25/http.js';
import type { HostRaw } from '../../connectors/esxi/inventory/retrieve.js';
import { VimSession } from '../../connectors/esxi/vim25/session.js';
import { SoapTransport } from '../../connectors/esxi/vim25/soap/client.js';
import { decodeDocument } from '../../connectors/esxi/vim25/soap/xml.js';
import { moRef, obj, str } from '../../connectors/esxi/vim25/value.js';
import { createTlsAgent } from '../../src/core/net/tls.js';
import { useNockOffline } from './nock-offline.js';
import { soapFault, soapResponse, XML } from './soap-fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/esxcli/${name}`, import.meta.url), 'utf8');

/** The `response` string inside an ExecuteSoapResponse envelope, decoded the way the SOAP client decodes returnval. */
function responseOf(envelope: string): string {
  const body = obj(obj(decodeDocument(envelope).value)?.Body);
  return str(obj(obj(body?.ExecuteSoapResponse)?.returnval)?.response) ?? '';
}

describe('esxcli request naming (govmomi cli/esx/command.go Moid/Method)', () => {
  it('derives the handler moid and the dotted method from the command words', () => {
    expect(esxcliTarget('system syslog config get')).toEqual({
      moid: 'ha-cli-handler-system-syslog-config',
      method: 'vim.EsxCLI.system.syslog.config.get',
    });
    expect(esxcliTarget('hardware cpu global get')).toEqual({
      moid: 'ha-cli-handler-hardware-cpu-global',
      method: 'vim.EsxCLI.hardware.cpu.global.get',
    });
  });
});

describe('esxcli response parsing (fixtures shaped like govmomi cli/esx, see test/fixtures/esxcli/README.md)', () => {
  it('list: one row per DataObject, repeated fields joined', () => {
    expect(parseEsxcliResponse(responseOf(fixture('network_vm_list.xml')))).toEqual([
      { Name: 'foo', Networks: 'VM Network,dougm', NumPorts: '2', WorldID: '98842' },
      { Name: 'bar', Networks: 'VM Network', NumPorts: '1', WorldID: '236235' },
    ]);
  });

  it('get: the single structure is one row', () => {
    const rows = parseEsxcliResponse(responseOf(fixture('system_syslog_config_get.xml')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      LocalLogOutput: '/scratch/log',
      LocalLogOutputIsPersistent: 'true',
      LogLevel: 'error',
    });
  });

  it('scalar results and malformed documents', () => {
    expect(
      parseEsxcliResponse(
        '<obj xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xsd:boolean">true</obj>',
      ),
    ).toEqual([{ value: 'true' }]);
    expect(() => parseEsxcliResponse('<obj><Name>cut')).toThrow();
  });

  it('maps accounts, syslog and an absent namespace to facts; each failure stays unknown with its reason', () => {
    const outcomes = {
      accounts: { ok: true, value: parseEsxcliResponse(responseOf(fixture('system_account_list.xml'))) },
      syslog: { ok: true, value: parseEsxcliResponse(responseOf(fixture('system_syslog_config_get.xml'))) },
      logFilter: { ok: true, value: [{ LogFilteringEnabled: 'false' }] },
      sshServer: {
        ok: true,
        value: [
          { Key: 'Ciphers', Value: 'aes256-ctr' },
          { Key: 'permittunnel', Value: 'no' },
        ],
      },
      kernel: {
        ok: true,
        value: [
          { Name: 'disableHwrng', Configured: 'FALSE', Runtime: 'FALSE' },
          { Name: 'iovDisableIR', Configured: 'TRUE' },
        ],
      },
      tlsServer: {
        ok: false,
        reason:
          'esxcli system tls server get (ExecuteSoap ha-cli-handler-system-tls-server) failed: ManagedObjectNotFound',
      },
    } as Partial<EsxcliOutcomes> as EsxcliOutcomes;
    const cli = mapCli(outcomes);
    expect(cli.accounts).toEqual([
      { user: 'root', shellAccess: true },
      { user: 'dcui', shellAccess: true },
      { user: 'vpxuser', shellAccess: false },
    ]);
    expect(cli.syslog).toEqual({ localLogOutputIsPersistent: true, logFilteringEnabled: false });
    expect(cli.sshServer).toEqual({ ciphers: 'aes256-ctr', permittunnel: 'no' });
    expect(cli.kernel).toEqual({ disableHwrng: 'FALSE' });
    expect(cli.tlsProfile).toEqual({ unknown: true, reason: expect.stringContaining('ManagedObjectNotFound') });
    expect(cli.sshFips).toEqual({ unknown: true, reason: 'esxcli was not run for this host' });
  });

  it('an sshd keyword listed without a Value is unknown, not the empty string an empty <Value/> gives', () => {
    const cli = mapCli({
      sshServer: { ok: true, value: [{ Key: 'Banner' }, { Key: 'PermitTunnel', Value: '' }] },
    } as never);
    expect(cli.sshServer).toEqual({
      banner: { unknown: true, reason: 'esxcli system ssh server config list gave keyword Banner without a Value' },
      permittunnel: '',
    });
  });

  it('a log-filter or SNMP Enable value that could not be read is unknown with why, not left out', () => {
    const syslog = { ok: true, value: [{ LocalLogOutputIsPersistent: 'true' }] };
    const failed = mapCli({
      syslog,
      logFilter: { ok: false, reason: 'esxcli system syslog config logfilter get failed: NotFound' },
    } as Partial<EsxcliOutcomes> as EsxcliOutcomes);
    expect(failed.syslog).toEqual({
      localLogOutputIsPersistent: true,
      logFilteringEnabled: { unknown: true, reason: 'esxcli system syslog config logfilter get failed: NotFound' },
    });
    const snmp = mapCli({
      snmp: { ok: true, value: [{ Authentication: 'SHA1', Privacy: 'AES128', Enable: 'maybe' }] },
    } as Partial<EsxcliOutcomes> as EsxcliOutcomes);
    expect(snmp.snmpV3).toMatchObject({
      enabled: { unknown: true, reason: 'esxcli system snmp get gave an unreadable Enable "maybe"' },
    });
  });

  it('HV Support drives CPU virtualization; tardisks are read with their sizes, a malformed row makes them unknown', () => {
    const outcomes = {
      cpuGlobal: { ok: true, value: [{ CPUPackages: '2', HVSupport: '2' }] },
      tardisks: {
        ok: true,
        value: [
          { Name: 's.v00', Bytes: '100' },
          { Name: 'esx_ui.v00', Bytes: '20' },
        ],
      },
    } as Partial<EsxcliOutcomes> as EsxcliOutcomes;
    expect(hvSupport(outcomes)).toBe(2);
    const cpu = mapCpu(
      { 'hardware.cpuPkg': [{ vendor: 'intel' }], 'config.featureCapability': [{ key: 'hv.capable', value: '1' }] },
      hvSupport(outcomes),
    );
    expect(cpu.virtualization).toMatchObject({ presentInCpu: true, enabledInFirmware: false });
    expect(cpu.virtualization.evidence[0]).toMatch(/^esxcli hardware cpu global get HVSupport=2 /);
    expect(mapTardisks(outcomes)).toEqual([
      { name: 's.v00', bytes: 100 },
      { name: 'esx_ui.v00', bytes: 20 },
    ]);
    expect(mapTardisks({ ...outcomes, tardisks: { ok: true, value: [{ Name: 'x' }] } })).toMatchObject({
      unknown: true,
    });
  });
});

describe('esxcli executor on the wire (nock)', () => {
  const ORIGIN = 'https://127.0.0.1:9444';
  useNockOffline();

  function session() {
    const http = new HttpEndpoint(
      ORIGIN,
      'esxi target "t"',
      createTlsAgent({ insecure: true }, 't'),
      AbortSignal.timeout(10_000),
    );
    return new VimSession(
      new SoapTransport(http),
      { sessionManager: moRef('SessionManager', 'ha-sessionmgr') },
      't',
      'root',
      'pw',
    );
  }
  const host = (): HostRaw => ({
    ref: moRef('HostSystem', 'ha-host'),
    props: {},
    missing: {},
    vms: [],
    networkNames: new Map(),
    managers: {} as HostRaw['managers'],
    errors: [],
  });
  const bodyHas =
    (...parts: string[]) =>
    (body: string) =>
      parts.every((p) => body.includes(p));

  it('sends ExecuteSoap to the executer with moid, version urn:vim25/5.0 and the dotted method; reads response and fault', async () => {
    const scope = nock(ORIGIN)
      .post('/sdk', bodyHas('<RetrieveManagedMethodExecuter', '<_this type="HostSystem">ha-host</_this>'))
      .reply(
        200,
        soapResponse(
          'RetrieveManagedMethodExecuter',
          '<returnval type="ReflectManagedMethodExecuter">ha-mme</returnval>',
        ),
        XML,
      )
      .post(
        '/sdk',
        bodyHas(
          '<_this type="ReflectManagedMethodExecuter">ha-mme</_this>',
          '<moid>ha-cli-handler-system-syslog-config</moid>',
          '<version>urn:vim25/5.0</version>',
          '<method>vim.EsxCLI.system.syslog.config.get</method>',
        ),
      )
      .reply(200, fixture('system_syslog_config_get.xml'), XML)
      .post('/sdk', bodyHas('<method>vim.EsxCLI.system.account.list</method>'))
      .reply(200, fixture('system_account_list.xml'), XML)
      .post('/sdk', bodyHas('<method>vim.EsxCLI.system.tls.server.get</method>'))
      .reply(200, fixture('fault.xml'), XML)
      .post('/sdk', bodyHas('<ExecuteSoap'))
      .times(Object.keys(ESXCLI_COMMANDS).length - 3)
      .reply(
        500,
        soapFault('ManagedObjectNotFound', 'The object has already been deleted or has not been completely created'),
        XML,
      );
    const raw = host();
    await collectEsxcli(session(), [raw], (fn) => fn(), AbortSignal.timeout(10_000));
    scope.done();
    const cli = mapCli(raw.esxcli);
    expect(cli.syslog).toMatchObject({ localLogOutputIsPersistent: true });
    expect(cli.accounts).toContainEqual({ user: 'dcui', shellAccess: true });
    // The user reads VimEsxCLICLIFault.errMsg, never the localisation key EsxCLI.CLIFault.summary or raw XML.
    expect(cli.tlsProfile).toEqual({
      unknown: true,
      reason:
        'esxcli system tls server get reported a fault: Unable to get TLS server configuration: profile store not initialised',
    });
    expect(cli.sshFips).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('ha-cli-handler-system-security-fips140-ssh) failed: ManagedObjectNotFound'),
    });
    expect(raw.errors).toEqual([]);
  });

  it('NoPermission on the executer, or a reset connection, leaves every esxcli fact unknown; a reset is also a collection error', async () => {
    nock(ORIGIN)
      .post('/sdk', bodyHas('<RetrieveManagedMethodExecuter'))
      .reply(500, soapFault('NoPermission', 'Permission to perform this operation was denied.'), XML);
    const denied = host();
    await collectEsxcli(session(), [denied], (fn) => fn(), AbortSignal.timeout(10_000));
    expect(mapCli(denied.esxcli).accounts).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('failed: NoPermission: Permission to perform this operation was denied.'),
    });
    expect(denied.errors).toEqual([]);

    nock(ORIGIN)
      .post('/sdk', bodyHas('<RetrieveManagedMethodExecuter'))
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const reset = host();
    await collectEsxcli(session(), [reset], (fn) => fn(), AbortSignal.timeout(10_000));
    expect(mapTardisks(reset.esxcli)).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('boot modules unavailable: esxcli over the vSphere API is unavailable'),
    });
    expect(reset.errors).toHaveLength(1);
    expect(reset.errors[0]).toMatchObject({ section: 'esxcli' });
  });
});
