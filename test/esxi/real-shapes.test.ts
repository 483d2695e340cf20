import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { describeEsxcliFault } from '../../connectors/esxi/inventory/esxcli/executor.js';
import { mapModuleImages } from '../../connectors/esxi/facts/software.js';
import { offendingPaths } from '../../connectors/esxi/inventory/retrieve.js';
import { faultText } from '../../connectors/esxi/vim25/vijson/client.js';
import { collectHosts, testContext, vsphereTarget } from './context.js';
import { useNockOffline } from './nock-offline.js';
import {
  calls,
  HOST_PROPERTIES,
  LOGIN,
  LOGOUT,
  SERVICE_CONTENT,
  soapFault,
  soapResponse,
  XML,
} from './soap-fixtures.js';

const ORIGIN = 'https://127.0.0.1:9445';
const target = vsphereTarget({ host: '127.0.0.1', port: 9445, tls: { insecure: true } });

/**
 * A whole-call InvalidProperty as hosts send it: empty faultstring, detail InvalidPropertyFault xsi:type="InvalidProperty"
 * with the property's name (vmware-archive/rvc#48, an ESX answer captured in full; ansible-collections/community.vmware#1047
 * shows pyVmomi's view of the same fault, name = 'lifecycleManaged').
 */
/** ServiceContent, then a Login that sets this session cookie: how every conversation below starts. */
function loggedIn(session: string): nock.Scope {
  return nock(ORIGIN)
    .post('/sdk', calls('RetrieveServiceContent'))
    .reply(200, SERVICE_CONTENT, XML)
    .post('/sdk', calls('Login'))
    .reply(200, LOGIN, { ...XML, 'Set-Cookie': `vmware_soap_session="${session}"; Path=/` });
}

function invalidProperty(name: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" ' +
    'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>ServerFaultCode</faultcode>' +
    `<faultstring/><detail><InvalidPropertyFault xmlns="urn:vim25" xsi:type="InvalidProperty"><name>${name}</name>` +
    '</InvalidPropertyFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  );
}

const asks = (path: string) => (body: unknown) =>
  typeof body === 'string' && calls('RetrievePropertiesEx')(body) && body.includes(`<pathSet>${path}</pathSet>`);
const spares = (path: string) => (body: unknown) =>
  typeof body === 'string' && calls('RetrievePropertiesEx')(body) && !body.includes(`<pathSet>${path}</pathSet>`);

describe('real-shape faults (nock)', () => {
  useNockOffline();

  // The fault's name in every form a server may give for runtime.stateEncryption.
  for (const name of [
    'runtime.stateEncryption',
    'runtime.stateEncryption.protectionMode',
    'runtime.stateEncryption.name',
    'stateEncryption',
  ]) {
    it(`a whole-call InvalidProperty naming "${name}" drops that path and keeps the host`, async () => {
      loggedIn('s')
        .post('/sdk', asks('runtime.stateEncryption'))
        .reply(500, invalidProperty(name), XML)
        .post('/sdk', spares('runtime.stateEncryption'))
        .reply(200, HOST_PROPERTIES, XML)
        .post('/sdk', calls('RetrieveManagedMethodExecuter'))
        .reply(500, soapFault('MethodNotFound', ''), XML)
        .post('/sdk', calls('Logout'))
        .reply(200, LOGOUT, XML);
      const { hosts } = await collectHosts(target, testContext());
      expect(hosts).toHaveLength(1);
      expect(hosts[0]!.platform === 'esxi' && hosts[0]!.esxi.stateEncryption).toMatchObject({
        unknown: true,
        reason: expect.stringContaining('InvalidProperty'),
      });
      expect(hosts[0]!.collection.errors).toEqual([
        expect.objectContaining({
          code: 'InvalidProperty',
          message: expect.stringContaining('runtime.stateEncryption left out of the batch'),
        }),
      ]);
    });
  }

  // NotAuthenticated as pyVmomi prints it (vmware/pyvmomi#294): msg empty, object and privilegeId System.View; there it
  // came from missingSet[0].fault of a property-collector answer, so both shapes are covered.
  const NOT_AUTHENTICATED_DETAIL = '<object type="HostSystem">ha-host</object><privilegeId>System.View</privilegeId>';
  const notAuthenticatedFault =
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>ServerFaultCode</faultcode>' +
    `<faultstring>The session is not authenticated.</faultstring><detail><NotAuthenticatedFault xmlns="urn:vim25" xsi:type="NotAuthenticated">${NOT_AUTHENTICATED_DETAIL}` +
    '</NotAuthenticatedFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
  const notAuthenticatedObjects =
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects>' +
    '<obj type="HostSystem">ha-host</obj><missingSet><path>config.product</path><fault><fault xsi:type="NotAuthenticated">' +
    `${NOT_AUTHENTICATED_DETAIL}</fault><localizedMessage></localizedMessage></fault></missingSet></objects></returnval>` +
    '</RetrievePropertiesExResponse></soapenv:Body></soapenv:Envelope>';

  for (const [shape, reply] of [
    ['a whole-call fault', [500, notAuthenticatedFault]],
    ['missingSet faults on every object', [200, notAuthenticatedObjects]],
  ] as const) {
    it(`NotAuthenticated mid-session as ${shape}: the connector logs in again once and completes`, async () => {
      loggedIn('first')
        .post('/sdk', calls('RetrievePropertiesEx'))
        .matchHeader('cookie', 'vmware_soap_session="first"')
        .reply(reply[0], reply[1], XML)
        .post('/sdk', calls('Login'))
        .reply(200, LOGIN, { ...XML, 'Set-Cookie': 'vmware_soap_session="second"; Path=/' })
        .post('/sdk', calls('RetrievePropertiesEx'))
        .matchHeader('cookie', 'vmware_soap_session="second"')
        .reply(200, HOST_PROPERTIES, XML)
        .post('/sdk', calls('RetrieveManagedMethodExecuter'))
        .reply(500, soapFault('MethodNotFound', ''), XML)
        .post('/sdk', calls('Logout'))
        .reply(200, LOGOUT, XML);
      const { hosts } = await collectHosts(target, testContext());
      expect(hosts[0]!.product).toMatchObject({ version: '8.0.3', build: '24674464' });
    });
  }

  it('RestrictedVersion from free ESXi on ExecuteSoap leaves the esxcli facts unknown with the reason; the host is kept', async () => {
    // Free ESXi refuses state-changing calls: RestrictedVersion, "Current license or ESXi version prohibits execution of
    // the requested operation." (vmware/pyvmomi#625, vmware-archive/vsphere-flocker-driver#35, maintux/knife-esx#3).
    const restricted = soapFault(
      'RestrictedVersion',
      'Current license or ESXi version prohibits execution of the requested operation.',
    );
    loggedIn('s')
      .post('/sdk', calls('RetrievePropertiesEx'))
      .reply(200, HOST_PROPERTIES, XML)
      .post('/sdk', calls('RetrieveManagedMethodExecuter'))
      .reply(
        200,
        soapResponse(
          'RetrieveManagedMethodExecuter',
          '<returnval type="ReflectManagedMethodExecuter">ha-managed-method-executer</returnval>',
        ),
        XML,
      )
      .post('/sdk', calls('ExecuteSoap'))
      .times(10)
      .reply(500, restricted, XML)
      .post('/sdk', calls('Logout'))
      .reply(200, LOGOUT, XML);
    const { hosts } = await collectHosts(target, testContext());
    const cli = hosts[0]!.platform === 'esxi' ? hosts[0]!.esxi.cli : undefined;
    expect(cli?.tlsProfile).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('RestrictedVersion: Current license or ESXi version prohibits'),
    });
    expect(hosts[0]!.product).toMatchObject({ build: '24674464' });
  });
});

describe('real-shape fault texts', () => {
  it('InvalidProperty names map back to the requested path in each form, and to nothing unrelated', () => {
    const paths = ['config.product', 'runtime.stateEncryption', 'capability'];
    expect(offendingPaths('runtime.stateEncryption', paths)).toEqual(['runtime.stateEncryption']);
    expect(offendingPaths('runtime.stateEncryption.protectionMode', paths)).toEqual(['runtime.stateEncryption']);
    expect(offendingPaths('runtime.stateEncryption.name', paths)).toEqual(['runtime.stateEncryption']);
    expect(offendingPaths('stateEncryption', paths)).toEqual(['runtime.stateEncryption']);
    expect(offendingPaths('runtime', paths)).toEqual(['runtime.stateEncryption']);
    expect(offendingPaths('uefiSecureBoot', paths)).toEqual([]);
    expect(offendingPaths('', paths)).toEqual([]);
  });

  it('esxcli CLI faults read errMsg whether faultDetail is a LocalizedMethodFault or the fault itself; never the key or XML', () => {
    const xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:vim25"';
    // govmomi simulator/esxcli_executer.go + rbvmomi: a LocalizedMethodFault wrapping the VimEsxCLICLIFault.
    const wrapped = `<obj ${xsi} xsi:type="LocalizedMethodFault"><fault xsi:type="VimEsxCLICLIFault"><errMsg>[NoMatchError]</errMsg><errMsg>id=foo</errMsg></fault><localizedMessage>EsxCLI.CLIFault.summary</localizedMessage></obj>`;
    // pyVmomi's MMESoapStubAdapter deserialises faultDetail as the fault object itself.
    const bare = `<obj ${xsi} xsi:type="VimEsxCLICLIFault"><errMsg>Invalid data constraint for parameter 'type'.</errMsg></obj>`;
    expect(describeEsxcliFault('EsxCLI.CLIFault.summary', wrapped)).toBe('[NoMatchError] id=foo');
    expect(describeEsxcliFault('EsxCLI.CLIFault.summary', bare)).toBe("Invalid data constraint for parameter 'type'.");
    const other = `<obj ${xsi} xsi:type="LocalizedMethodFault"><fault xsi:type="NotFound"></fault><localizedMessage>x</localizedMessage></obj>`;
    expect(describeEsxcliFault('EsxCLI.CLIFault.summary', other)).toBe(
      'no error message (NotFound, EsxCLI.CLIFault.summary)',
    );
    expect(describeEsxcliFault('Unable to connect', 'not xml <')).toBe('Unable to connect');
  });

  it('a VI/JSON fault is read from faultMessage (there is no faultstring)', () => {
    // developer.broadcom.com virtual-infrastructure-json-api data-structures/VimFault: faultMessage[] {key, arg, message}.
    const fault = {
      _type: 'InvalidLogin',
      faultMessage: [
        {
          _type: 'LocalizableMessage',
          key: 'vim.fault.InvalidLogin.summary',
          message: 'Cannot complete login due to an incorrect user name or password.',
        },
      ],
    };
    expect(faultText(fault)).toBe('Cannot complete login due to an incorrect user name or password.');
    expect(
      faultText({
        _type: 'NotAuthenticated',
        faultMessage: [{ _type: 'LocalizableMessage', key: 'vim.fault.NotAuthenticated.summary' }],
      }),
    ).toBe('vim.fault.NotAuthenticated.summary');
    expect(faultText({ _type: 'NotAuthenticated' })).toBe('');
  });

  it('module footprint: text+data+bss, else readOnlySection+writableSection, else unknown', () => {
    const section = (length: number) => ({ _type: 'KernelModuleSectionInfo', address: 0, length });
    const modules = (...m: object[]) => ({
      ok: true as const,
      value: m.map((x, i) => ({ _type: 'KernelModuleInfo', name: `m${i}`, loaded: true, ...x })),
    });
    const split = mapModuleImages(
      modules(
        { textSection: section(10), dataSection: section(5), bssSection: section(1) },
        { readOnlySection: section(100), writableSection: section(20) },
      ),
    );
    expect(split).toEqual([
      { item: 'module m0', bytes: 16 },
      { item: 'module m1', bytes: 120 },
    ]);
    const none = mapModuleImages(modules({ textSection: section(10) }, { useCount: 1 }));
    expect(none).toEqual({ unknown: true, reason: 'QueryModules reported no section sizes for m1' });
  });
});
