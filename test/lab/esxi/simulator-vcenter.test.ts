import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EsxiSimulator, loadProfile, startEsxiSimulator } from '../../../src/lab/esxi/index.js';
import { body, login, request, soap } from './wire.js';

const PC: [string, string] = ['PropertyCollector', 'propertyCollector'];
const basic = (user: string, password: string) => ({
  Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'),
});

async function containerView(sim: EsxiSimulator, cookie: string): Promise<string> {
  const reply = await soap(
    sim,
    'CreateContainerView',
    ['ViewManager', 'ViewManager'],
    '<container type="Folder">group-d1</container><type>HostSystem</type><recursive>true</recursive>',
    cookie,
  );
  return body(reply).CreateContainerViewResponse.returnval[0]['#text'];
}

const viewSpec = (view: string, paths: string[], max?: number) =>
  `<specSet><propSet><type>HostSystem</type>${paths.map((p) => `<pathSet>${p}</pathSet>`).join('')}</propSet>` +
  `<objectSet><obj type="ContainerView">${view}</obj><skip>true</skip><selectSet xsi:type="TraversalSpec"><name>v</name><type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet>` +
  `<options>${max ? `<maxObjects>${max}</maxObjects>` : ''}</options>`;

describe('ESXi simulator, vCenter mode', () => {
  let sim: EsxiSimulator;
  beforeAll(async () => {
    sim = await startEsxiSimulator({
      mode: 'vcenter',
      vcenterVersion: '8.0.3',
      hosts: [
        { profile: 'esxi-8.0-hardened' },
        { profile: 'esxi-7.0-risky' },
        { profile: 'esxi-6.7-hardened' },
        { profile: 'esxi-8.0-risky' },
        { profile: 'esxi-7.0-hardened' },
      ],
      username: 'administrator@vsphere.local',
      password: 'vc-pw',
    });
  });
  afterAll(() => sim.close());

  it('reports itself as a VirtualCenter with the vCenter SessionManager', async () => {
    const content = body(await soap(sim, 'RetrieveServiceContent', ['ServiceInstance', 'ServiceInstance']))
      .RetrieveServiceContentResponse.returnval[0];
    expect(content.about).toMatchObject({ apiType: 'VirtualCenter', productLineId: 'vpx', version: '8.0.3' });
    expect(content.sessionManager['#text']).toBe('SessionManager');
    expect(content.rootFolder['#text']).toBe('group-d1');
  });

  it('pages RetrievePropertiesEx by maxObjects through ContinueRetrievePropertiesEx, every host once', async () => {
    const cookie = await login(sim, 'SessionManager');
    const view = await containerView(sim, cookie);
    const pages: string[][] = [];
    let result = body(await soap(sim, 'RetrievePropertiesEx', PC, viewSpec(view, ['name'], 2), cookie))
      .RetrievePropertiesExResponse.returnval[0];
    for (;;) {
      pages.push(result.objects.map((o: any) => o.obj['#text']));
      if (!result.token) break;
      const token = result.token;
      result = body(await soap(sim, 'ContinueRetrievePropertiesEx', PC, `<token>${token}</token>`, cookie))
        .ContinueRetrievePropertiesExResponse.returnval[0];
      if (!result.token) {
        pages.push(result.objects.map((o: any) => o.obj['#text']));
        const spent = await soap(sim, 'ContinueRetrievePropertiesEx', PC, `<token>${token}</token>`, cookie);
        expect(body(spent)['soapenv:Fault'].detail.InvalidArgumentFault.invalidProperty).toBe('token');
        break;
      }
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(sim.hosts.map((h) => h.moId));
    expect((await soap(sim, 'DestroyView', ['ContainerView', view], '', cookie)).status).toBe(200);
    expect(
      body(await soap(sim, 'RetrievePropertiesEx', PC, viewSpec(view, ['name']), cookie))['soapenv:Fault'].faultcode,
    ).toBe('ServerFaultCode');
  });

  it('gives each host its own profile and managers', async () => {
    const cookie = await login(sim, 'SessionManager');
    const view = await containerView(sim, cookie);
    const objects = body(
      await soap(
        sim,
        'RetrievePropertiesEx',
        PC,
        viewSpec(view, ['summary.config.product.build', 'configManager.imageConfigManager']),
        cookie,
      ),
    ).RetrievePropertiesExResponse.returnval[0].objects;
    const builds = objects.map(
      (o: any) => o.propSet.find((p: any) => p.name === 'summary.config.product.build').val['#text'],
    );
    expect(builds).toEqual(sim.hosts.map((h) => h.profile.product.build));
    const second = objects[1].propSet.find((p: any) => p.name === 'configManager.imageConfigManager').val['#text'];
    const acceptance = body(
      await soap(sim, 'HostImageConfigGetAcceptance', ['HostImageConfigManager', second], '', cookie),
    );
    expect(acceptance.HostImageConfigGetAcceptanceResponse.returnval[0]).toBe('community');
  });

  it('serves /api/session (Basic → token) and /api/vcenter/host with the session header', async () => {
    expect((await request(sim, 'POST', '/api/session', '', basic('administrator@vsphere.local', 'nope'))).status).toBe(
      401,
    );
    const created = await request(sim, 'POST', '/api/session', '', basic('administrator@vsphere.local', 'vc-pw'));
    expect(created.status).toBe(201);
    const token = JSON.parse(created.body) as string;
    expect((await request(sim, 'GET', '/api/vcenter/host')).status).toBe(401);
    const hosts = JSON.parse(
      (await request(sim, 'GET', '/api/vcenter/host', '', { 'vmware-api-session-id': token })).body,
    );
    expect(hosts).toEqual(
      sim.hosts.map((h) => ({ host: h.moId, name: h.name, connection_state: 'CONNECTED', power_state: 'POWERED_ON' })),
    );
    expect((await request(sim, 'DELETE', '/api/session', '', { 'vmware-api-session-id': token })).status).toBe(204);
    expect((await request(sim, 'GET', '/api/vcenter/host', '', { 'vmware-api-session-id': token })).status).toBe(401);
  });

  it('serves the same data over VI/JSON as over SOAP', async () => {
    const base = '/sdk/vim25/8.0.3.0';
    const content = JSON.parse((await request(sim, 'GET', `${base}/ServiceInstance/ServiceInstance/content`)).body);
    expect(content.about).toMatchObject({ _typeName: 'AboutInfo', apiType: 'VirtualCenter' });
    const bad = await request(
      sim,
      'POST',
      `${base}/SessionManager/SessionManager/Login`,
      JSON.stringify({ userName: 'x', password: 'y' }),
    );
    expect(bad.status).toBe(500);
    expect(JSON.parse(bad.body)).toMatchObject({ _typeName: 'InvalidLogin' });
    const loggedIn = await request(
      sim,
      'POST',
      `${base}/SessionManager/SessionManager/Login`,
      JSON.stringify({ userName: sim.username, password: sim.password }),
    );
    const headers = {
      'vmware-api-session-id': String(loggedIn.headers['vmware-api-session-id']),
      'Content-Type': 'application/json',
    };
    const host = sim.hosts[1];
    const capability = JSON.parse(
      (await request(sim, 'GET', `${base}/HostSystem/${host.moId}/capability`, '', headers)).body,
    );
    expect(capability).toMatchObject({ _typeName: 'HostCapability', nestedHVSupported: false });
    const jsonOptions = JSON.parse(
      (
        await request(
          sim,
          'POST',
          `${base}/OptionManager/EsxHostAdvSettings-11/QueryOptions`,
          JSON.stringify({ name: 'UserVars.' }),
          headers,
        )
      ).body,
    );
    const cookie = await login(sim, 'SessionManager');
    const soapOptions = body(
      await soap(sim, 'QueryOptions', ['OptionManager', 'EsxHostAdvSettings-11'], '<name>UserVars.</name>', cookie),
    ).QueryOptionsResponse.returnval;
    expect(jsonOptions.map((o: any) => [o.key, String(o.value._value), o.value._typeName])).toEqual(
      soapOptions.map((o: any) => [o.key, o.value['#text'], o.value['@xsi:type'].replace('xsd:', '')]),
    );
    const unauth = await request(sim, 'GET', `${base}/HostSystem/${host.moId}/capability`);
    expect(JSON.parse(unauth.body)).toMatchObject({ _typeName: 'NotAuthenticated' });
  });

  it('has no VI/JSON before vCenter 8.0.1', async () => {
    const old = await startEsxiSimulator({ mode: 'vcenter', vcenterVersion: '7.0.3', hosts: 1 });
    try {
      expect((await request(old, 'GET', '/sdk/vim25/8.0.1.0/ServiceInstance/ServiceInstance/content')).status).toBe(
        404,
      );
      expect((await request(old, 'POST', '/api/session', '', basic(old.username, old.password))).status).toBe(201);
    } finally {
      await old.close();
    }
  });
});

describe('ESXi simulator, hostile strings', () => {
  it('escapes names and values on SOAP and VI/JSON, so a client reads them back byte for byte', async () => {
    const hostile = `<img src=x onerror="alert(1)">&amp; 'quoted' ]]>`;
    const profile = loadProfile('esxi-8.0-risky');
    profile.vms = { [hostile]: { ...profile.vms['app-01'] } };
    profile.options['Annotations.WelcomeMessage'] = { type: 'string', value: hostile };
    const sim = await startEsxiSimulator({ mode: 'vcenter', hosts: [{ profile }] });
    try {
      const cookie = await login(sim, 'SessionManager');
      const viaSoap = body(
        await soap(
          sim,
          'QueryOptions',
          ['OptionManager', 'EsxHostAdvSettings-10'],
          '<name>Annotations.WelcomeMessage</name>',
          cookie,
        ),
      );
      expect(viaSoap.QueryOptionsResponse.returnval[0].value['#text']).toBe(hostile);
      const vm = body(
        await soap(
          sim,
          'RetrievePropertiesEx',
          PC,
          '<specSet><propSet><type>VirtualMachine</type><pathSet>name</pathSet></propSet><objectSet><obj type="VirtualMachine">vm-1001</obj></objectSet></specSet><options/>',
          cookie,
        ),
      );
      expect(vm.RetrievePropertiesExResponse.returnval[0].objects[0].propSet[0].val['#text']).toBe(hostile);
      const base = '/sdk/vim25/8.0.3.0';
      const li = await request(
        sim,
        'POST',
        `${base}/SessionManager/SessionManager/Login`,
        JSON.stringify({ userName: sim.username, password: sim.password }),
      );
      const name = await request(sim, 'GET', `${base}/VirtualMachine/vm-1001/name`, '', {
        'vmware-api-session-id': String(li.headers['vmware-api-session-id']),
      });
      expect(JSON.parse(name.body)).toBe(hostile);
    } finally {
      await sim.close();
    }
  });
});
