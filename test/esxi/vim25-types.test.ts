import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect } from '../../connectors/esxi/connect.js';
import { collectEsxcli } from '../../connectors/esxi/inventory/esxcli/executor.js';
import { loadCatalogs } from '../../connectors/esxi/facts/catalog.js';
import { mapHostFacts } from '../../connectors/esxi/facts/index.js';
import { HttpEndpoint } from '../../connectors/esxi/vim25/http.js';
import {
  collectManagers,
  HOST_PATHS,
  inventoryFromRoot,
  METHOD_RETURNS,
  METHODS,
  PROPERTIES,
  retrieveHosts,
  VM_PATHS,
  type HostRaw,
} from '../../connectors/esxi/inventory/retrieve.js';
import type { VimSession } from '../../connectors/esxi/vim25/session.js';
import { parseXml, children, type XmlNode } from '../../connectors/esxi/vim25/soap/xml.js';
import { hostContainerView, hostObjectSpecs } from '../../connectors/esxi/inventory/vcenter/discover.js';
import {
  isMoRef,
  moRef,
  obj,
  objects,
  type MoRef,
  type VimObject,
  type VimValue,
} from '../../connectors/esxi/vim25/value.js';
import { loadProfile, startEsxiSimulator, type EsxiSimulator } from '../../src/lab/esxi/index.js';
import { collectHosts, testContext, vsphereTarget } from './context.js';
import {
  fieldsOf,
  findField,
  gateProblems,
  goField,
  goFieldOrder,
  govmomiInstalled,
  methodParams,
  orderProblems,
  typeName,
  vim25,
  walkPath,
} from './vim25-schema.js';

type Call = { method: string; self: MoRef; args: Record<string, VimValue | undefined> };

/** A session that records every call the connector's collection phases make and answers just enough to go on. */
function recordingSession(apiVersion: string): { session: VimSession; calls: Call[] } {
  const calls: Call[] = [];
  const refs: Record<string, MoRef> = {
    propertyCollector: moRef('PropertyCollector', 'propertyCollector'),
    rootFolder: moRef('Folder', 'group-d1'),
    viewManager: moRef('ViewManager', 'ViewManager'),
  };
  const session = {
    where: 'recording session',
    about: { apiType: 'VirtualCenter', apiVersion },
    ref: (name: string) => refs[name]!,
    invoke: async (method: string, self: MoRef, args: Record<string, VimValue | undefined> = {}) => {
      calls.push({ method, self, args });
      if (method === 'CreateContainerView') return moRef('ContainerView', 'session[1]0001');
      if (method === 'RetrieveManagedMethodExecuter')
        return moRef('ReflectManagedMethodExecuter', 'ManagedMethodExecuter-10');
      if (method === 'ExecuteSoap')
        return { response: '<obj xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xsd:string">x</obj>' };
      return undefined;
    },
  };
  return { session: session as unknown as VimSession, calls };
}

const MANAGER_TYPES: Record<string, string> = {
  serviceSystem: 'HostServiceSystem',
  hostAccessManager: 'HostAccessManager',
  snmpSystem: 'HostSnmpSystem',
  advancedOption: 'OptionManager',
  imageConfigManager: 'HostImageConfigManager',
  kernelModuleSystem: 'HostKernelModuleSystem',
  virtualNicManager: 'HostVirtualNicManager',
};

/** A host whose configManager lists every manager the connector uses, so each manager call is made. */
function hostWithManagers(): HostRaw {
  const configManager: VimObject = { _type: 'HostConfigManager' };
  for (const [name, type] of Object.entries(MANAGER_TYPES)) configManager[name] = moRef(type, `${name}-10`);
  return {
    ref: moRef('HostSystem', 'host-10'),
    props: { configManager },
    missing: {},
    vms: [],
    networkNames: new Map(),
    managers: {} as HostRaw['managers'],
    errors: [],
  };
}

/** Every call of every collection phase (host pass from the root, the REST list and a container view; managers; esxcli). */
async function everyCall(apiVersion: string): Promise<Call[]> {
  const { session, calls } = recordingSession(apiVersion);
  const { specs } = await hostContainerView(session, 'recording session');
  await retrieveHosts(
    session,
    [inventoryFromRoot(session.ref('rootFolder')), ...hostObjectSpecs([moRef('HostSystem', 'host-10')]), ...specs],
    { hosts: 1 },
    async () => undefined,
  );
  const host = hostWithManagers();
  await collectManagers(session, [host], (fn) => fn(), AbortSignal.timeout(5000));
  await collectEsxcli(session, [host], (fn) => fn(), AbortSignal.timeout(5000));
  return calls;
}

/** Property paths and traversal paths of every RetrievePropertiesEx, with the managed object type each applies to. */
function requestedPaths(calls: Call[]): { props: Array<[string, string]>; traversals: Array<[string, string]> } {
  const props: Array<[string, string]> = [];
  const traversals: Array<[string, string]> = [];
  const walkSelect = (sel: VimObject) => {
    if (sel._type === 'TraversalSpec') traversals.push([String(sel.type), String(sel.path)]);
    for (const s of objects(sel.selectSet)) walkSelect(s);
  };
  for (const c of calls.filter((x) => x.method === 'RetrievePropertiesEx')) {
    for (const spec of objects(c.args.specSet)) {
      for (const ps of objects(spec.propSet))
        for (const p of (ps.pathSet as string[]) ?? []) props.push([String(ps.type), p]);
      for (const os of objects(spec.objectSet)) for (const s of objects(os.selectSet)) walkSelect(s);
    }
  }
  return { props, traversals };
}

/** The problems of one set of requests against the API's types. */
function requestProblems(calls: Call[], apiVersion: string): string[] {
  const { props, traversals } = requestedPaths(calls);
  return [
    ...props.flatMap(([type, path]) => gateProblems(type, path, apiVersion)),
    ...traversals.flatMap(([type, path]) => walkPath(type, path).problems),
  ];
}

// The internal esxcli methods are not in the public WSDL; govmomi's internal/types.go declares them (ExecuteSoapRequest).
const INTERNAL_PARAMS: Record<string, string[]> = {
  RetrieveManagedMethodExecuter: ['_this'],
  ExecuteSoap: ['_this', 'moid', 'version', 'method', 'argument'],
};

describe('the connector against the vSphere API type system (vim25-types.json)', () => {
  it('every HostSystem path it declares exists, and each one newer than 6.7 carries the matching version gate', () => {
    expect(HOST_PATHS.flatMap((p) => gateProblems('HostSystem', p.path, p.since))).toEqual([]);
    expect(VM_PATHS.flatMap((p) => gateProblems('VirtualMachine', p, undefined))).toEqual([]);
  });

  it('the checks catch a wrong path, a path through an array, and a missing or too-early version gate', () => {
    expect(gateProblems('HostSystem', 'config.prodcut', undefined)).toEqual([
      'HostSystem.config.prodcut: HostConfigInfo has no field "prodcut"',
    ]);
    expect(walkPath('HostSystem', 'config.option.key').problems).toEqual([
      expect.stringContaining('"option" is an array'),
    ]);
    expect(gateProblems('HostSystem', 'runtime.stateEncryption', undefined)).toEqual([
      expect.stringContaining('exists from API 7.0.3.0 but is requested without a version check'),
    ]);
    expect(gateProblems('HostSystem', 'runtime.stateEncryption', '7.0.2.0')).toEqual([
      expect.stringContaining('requested from 7.0.2.0'),
    ]);
    expect(gateProblems('HostSystem', 'runtime.stateEncryption', '7.0.3.0')).toEqual([]);
  });

  for (const apiVersion of ['6.7.3', '7.0.2.0', '7.0.3.0', '9.0.0.0']) {
    it(`what it really requests of an API ${apiVersion} endpoint exists there (host pass, container view, managers)`, async () => {
      const calls = await everyCall(apiVersion);
      expect(requestProblems(calls, apiVersion)).toEqual([]);
      const { props } = requestedPaths(calls);
      expect(props.some(([t, p]) => t === 'HostSystem' && p === 'runtime.stateEncryption')).toBe(
        apiVersion !== '6.7.3' && apiVersion !== '7.0.2.0',
      );
    });
  }

  it('the request check fails when a gate is missing from what is sent', async () => {
    const calls = await everyCall('9.0.0.0');
    // The calls as a 9.0 endpoint gets them, judged as if the endpoint were 7.0 U2: stateEncryption is ungated there.
    expect(requestProblems(calls, '7.0.2.0')).toEqual([
      expect.stringContaining('runtime.stateEncryption exists from API 7.0.3.0'),
    ]);
  });

  it('manager properties and methods name real configManager fields, managed object properties and return types', () => {
    const configManager = fieldsOf('HostConfigManager');
    for (const [, manager, type, path] of PROPERTIES) {
      expect(configManager[manager], manager).toBeDefined();
      expect(gateProblems(type, path, undefined)).toEqual([]);
    }
    for (const [, manager, method] of METHODS) {
      expect(configManager[manager], manager).toBeDefined();
      expect(methodParams(method), method).toBeDefined();
      const returns = METHOD_RETURNS[method]!.replace(/\[\]$/, '');
      expect(
        ['string', 'time.Time'].includes(returns) || vim25.dataObjects[returns] !== undefined,
        `${method} returns ${returns}`,
      ).toBe(true);
    }
  });

  it('each method is sent with its parameters in WSDL order, nested data objects included', async () => {
    const calls = await everyCall('9.0.0.0');
    const problems: string[] = [];
    for (const c of calls) {
      const params = INTERNAL_PARAMS[c.method] ?? methodParams(c.method);
      if (!params) {
        problems.push(`${c.method} is not a vim25 method`);
        continue;
      }
      problems.push(...orderProblems(c.method, ['_this', ...Object.keys(c.args)], params));
    }
    expect(problems).toEqual([]);
    expect(orderProblems('Login', ['_this', 'password', 'userName'], methodParams('Login')!)).toEqual([
      expect.stringContaining('out of WSDL order'),
    ]);
  });

  it.runIf(govmomiInstalled)('govmomi 0.24.2 (Debian): the same paths, methods and nested field order', async () => {
    const calls = await everyCall('6.7.3');
    const problems: string[] = [];
    // Paths: govmomi 0.24.2 predates 7.0.3, so only what a 6.7 endpoint is asked for is checked against it.
    for (const [type, path] of requestedPaths(calls).props) {
      let goType: string | undefined = `mo.${type}`;
      for (const seg of path.split('.')) goType = goType ? goField(goType, seg) : undefined;
      if (!goType) problems.push(`${type}.${path} not found in govmomi 0.24.2`);
    }
    const nested = new Set<string>();
    for (const c of calls) {
      const request =
        goFieldOrder(`${c.method[0]!.toUpperCase()}${c.method.slice(1)}RequestType`) ??
        goFieldOrder(`${c.method}Request`);
      if (!request) problems.push(`govmomi 0.24.2 has no ${c.method}Request`);
      else problems.push(...orderProblems(`${c.method} (govmomi)`, ['_this', ...Object.keys(c.args)], request));
      // Nested data objects of the request: their keys in the Go struct's (WSDL) field order.
      const visit = (v: VimValue | undefined) => {
        for (const o of objects(v)) {
          if (!o._type || isMoRef(o)) continue;
          nested.add(o._type);
          const order = goFieldOrder(o._type);
          if (!order) problems.push(`govmomi 0.24.2 has no type ${o._type}`);
          else
            problems.push(
              ...orderProblems(
                `${c.method} ${o._type}`,
                Object.keys(o).filter((k) => k !== '_type'),
                order,
              ),
            );
          for (const [k, child] of Object.entries(o)) if (k !== '_type') visit(child);
        }
      };
      for (const arg of Object.values(c.args)) visit(arg);
    }
    expect(problems).toEqual([]);
    expect([...nested]).toEqual(
      expect.arrayContaining([
        'PropertyFilterSpec',
        'PropertySpec',
        'ObjectSpec',
        'TraversalSpec',
        'SelectionSpec',
        'RetrieveOptions',
      ]),
    );
    expect(orderProblems('ObjectSpec', ['skip', 'obj'], goFieldOrder('ObjectSpec')!)).toEqual([
      expect.stringContaining('out of WSDL order'),
    ]);
    // 0.24.2 (API 7.0) has no HostRuntimeInfo.stateEncryption: the cross-check would flag it if a 6.7 endpoint were asked.
    expect(goField('HostRuntimeInfo', 'stateEncryption')).toBeUndefined();
  });
});

/**
 * Values that know their vim25 type and record each field a mapper reads. An element that arrived with xsi:type is
 * checked against that type; one without it against the slot's declared type (or one of its subtypes).
 */
function typed(value: VimValue | undefined, type: string, reads: Set<string>): VimValue | undefined {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return new Proxy(value, {
      get: (t, k, r) =>
        typeof k === 'string' && /^\d+$/.test(k)
          ? typed(Reflect.get(t, k, r) as VimValue, type, reads)
          : Reflect.get(t, k, r),
    });
  }
  if (isMoRef(value)) return value;
  const actual = value._type && vim25.dataObjects[value._type] ? value._type : typeName(type);
  return new Proxy(value, {
    get(t, k, r) {
      const v = Reflect.get(t, k, r) as VimValue | undefined;
      if (typeof k !== 'string' || k === '_type' || k === 'toJSON' || k === 'then') return v;
      // A probe of a sibling subtype's field (macAddress on any VirtualDevice) is checked against the slot's type.
      const owner = findField(actual, k) || actual === typeName(type) ? actual : typeName(type);
      reads.add(`${owner}.${k}`);
      return typed(v, findField(owner, k)?.type ?? 'unknown', reads);
    },
  });
}

/** Property records that note each path a mapper looks up, as `HostSystem:<path>` or `VirtualMachine:<path>`. */
function recordingProps(root: string, props: Record<string, VimValue>, reads: Set<string>): Record<string, VimValue> {
  const typedProps = Object.fromEntries(
    Object.entries(props).map(([path, v]) => [
      path,
      typed(v, typeName(walkPath(root, path).leaf?.type ?? 'unknown'), reads)!,
    ]),
  );
  return new Proxy(typedProps, {
    get: (t, k, r) => {
      if (typeof k === 'string') reads.add(`${root}:${k}`);
      return Reflect.get(t, k, r);
    },
  });
}

function typedRaw(raw: HostRaw, reads: Set<string>): HostRaw {
  const props = recordingProps('HostSystem', raw.props, reads);
  const vms = raw.vms.map((vm) => ({ ...vm, props: recordingProps('VirtualMachine', vm.props, reads) }));
  const managers = { ...raw.managers };
  for (const [call, , type, path] of PROPERTIES) {
    const o = managers[call];
    if (o?.ok)
      managers[call] = {
        ok: true,
        value: typed(o.value, typeName(walkPath(type, path).leaf?.type ?? 'unknown'), reads),
      };
  }
  for (const [call, , method] of METHODS) {
    const o = managers[call];
    if (o?.ok)
      managers[call] = { ok: true, value: typed(o.value, METHOD_RETURNS[method]!.replace(/\[\]$/, ''), reads) };
  }
  return { ...raw, props, vms, managers };
}

describe('the facts mappers read only fields the vSphere API defines', { timeout: 30_000 }, () => {
  let sim: EsxiSimulator;
  let raw: HostRaw;
  beforeAll(async () => {
    sim = await startEsxiSimulator({ mode: 'esxi', profile: 'esxi-8.0-risky' });
    const ctx = testContext(sim.password, AbortSignal.timeout(20_000), sim.username);
    const conn = await connect(
      vsphereTarget({ host: sim.host, port: sim.port, username: sim.username, tls: { fingerprint: sim.fingerprint } }),
      ctx,
    );
    await conn.session.login();
    const found: HostRaw[] = [];
    await retrieveHosts(
      conn.session,
      [inventoryFromRoot(conn.session.ref('rootFolder'))],
      { hosts: 1 },
      async (hosts) => void found.push(...hosts),
    );
    [raw] = found as [HostRaw];
    // The lab serves no VM devices or boot options: give one VM the shapes a real host sends (VirtualMachineConfigInfo).
    raw.vms[0]!.props['config.hardware.device'] = [
      {
        _type: 'VirtualVmxnet3',
        key: 4000,
        macAddress: '00:50:56:00:00:01',
        backing: { _type: 'VirtualEthernetCardNetworkBackingInfo', deviceName: 'VM Network' },
      },
      { _type: 'VirtualTPM', key: 11000 },
      { _type: 'VirtualPCIPassthrough', key: 13000 },
    ];
    raw.vms[0]!.props['config.bootOptions'] = { _type: 'VirtualMachineBootOptions', efiSecureBootEnabled: true };
    await collectManagers(conn.session, [raw], (fn) => fn(), ctx.signal);
    await collectEsxcli(conn.session, [raw], (fn) => fn(), ctx.signal);
    await conn.session.logout(ctx.signal);
    conn.http.close();
  });
  afterAll(() => sim?.close());

  function readsOf(input: HostRaw): Set<string> {
    const reads = new Set<string>();
    mapHostFacts({
      raw: typedRaw(input, reads),
      about: {},
      standalone: true,
      target: { name: 'esx', host: '127.0.0.1' },
      catalogs: loadCatalogs(),
      collection: {
        connector: 'esxi',
        protocol: 'vim25-soap',
        startedAt: '',
        finishedAt: '',
        serverTrust: 'pinned',
        requests: 0,
        sections: {},
      },
    });
    return reads;
  }

  const fieldReads = (reads: Set<string>) => [...reads].filter((r) => !r.includes(':'));
  const undefinedReads = (reads: Set<string>) =>
    fieldReads(reads).filter((r) => !findField(r.slice(0, r.indexOf('.')), r.slice(r.indexOf('.') + 1)));
  /** Paths the mappers look up that the connector never requests (they could only ever be unknown). */
  const unrequested = (reads: Set<string>) =>
    [...reads]
      .filter((r) => r.includes(':'))
      .filter((r) => {
        const [root, path] = r.split(':') as [string, string];
        return !(root === 'HostSystem' ? HOST_PATHS.map((p) => p.path) : VM_PATHS).includes(path);
      });

  it('every field read exists on its type (or a subtype, for polymorphic slots)', () => {
    const reads = readsOf(raw);
    expect(reads.size).toBeGreaterThan(50);
    expect(reads).toContain('HostRuntimeInfoStateEncryptionInfo.protectionMode');
    expect(reads).toContain('KernelModuleInfo.textSection');
    expect(reads).toContain('VirtualEthernetCardNetworkBackingInfo.deviceName');
    expect(undefinedReads(reads)).toEqual([]);
    expect([...reads].filter((r) => r.startsWith('HostSystem:'))).toContain('HostSystem:runtime.stateEncryption');
    expect(unrequested(reads)).toEqual([]);
  });

  it('a read of a field the API does not define is caught', () => {
    const reads = readsOf(raw);
    reads.add('HostSnmpConfigSpec.users');
    reads.add('HostCapability.secureBootEnabled');
    expect(undefinedReads(reads)).toEqual(['HostSnmpConfigSpec.users', 'HostCapability.secureBootEnabled']);
    reads.add('HostSystem:config.sslThumbprint');
    expect(unrequested(reads)).toEqual(['HostSystem:config.sslThumbprint']);
  });
});

describe('the SOAP envelopes as sent', () => {
  it('every child of each method element follows the WSDL order (lab, standalone)', async () => {
    // Without the config.virtualNicManagerInfo mirror (the server faults the path), so QueryNetConfig is sent too.
    const profile = loadProfile('esxi-8.0-risky');
    profile.unsupportedProperties = [...profile.unsupportedProperties, 'config.virtualNicManagerInfo'];
    const sim = await startEsxiSimulator({ mode: 'esxi', profile });
    const send = vi.spyOn(HttpEndpoint.prototype, 'send');
    try {
      await collectHosts(
        vsphereTarget({
          host: sim.host,
          port: sim.port,
          username: sim.username,
          tls: { fingerprint: sim.fingerprint },
        }),
        testContext(sim.password, AbortSignal.timeout(20_000), sim.username),
      );
      const problems: string[] = [];
      const methods = new Set<string>();
      for (const [req] of send.mock.calls) {
        if (req.path !== '/sdk' || !req.body) continue;
        const body = children(obj(parseXml(req.body) as VimObject) as unknown as XmlNode).find(
          ([n]) => n === 'Envelope',
        )?.[1];
        const call = children(children(body).find(([n]) => n === 'Body')?.[1])[0]!;
        methods.add(call[0]);
        const params = INTERNAL_PARAMS[call[0]] ?? methodParams(call[0]);
        if (!params) problems.push(`${call[0]} is not a vim25 method`);
        else problems.push(...orderProblems(call[0], [...new Set(children(call[1]).map(([n]) => n))], params));
      }
      expect([...methods]).toEqual(
        expect.arrayContaining([
          'RetrieveServiceContent',
          'Login',
          'RetrievePropertiesEx',
          'ExecuteSoap',
          'QueryNetConfig',
          'Logout',
        ]),
      );
      expect(problems).toEqual([]);
    } finally {
      send.mockRestore();
      await sim.close();
    }
  }, 30_000);
});
