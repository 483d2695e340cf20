import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EsxiSimulator, loadProfile, startEsxiSimulator } from '../../../src/lab/esxi/index.js';
import { body, hostProps, login, request, soap, type WireReply } from './wire.js';

const SI: [string, string] = ['ServiceInstance', 'ServiceInstance'];
const PC: [string, string] = ['PropertyCollector', 'ha-property-collector'];

function fault(reply: WireReply) {
  expect(reply.status).toBe(500);
  const f = body(reply)['soapenv:Fault'];
  const [detailName, detail] = Object.entries(f.detail as Record<string, any>)[0];
  return { code: f.faultcode, string: String(f.faultstring ?? ''), detailName, type: detail['@xsi:type'], detail };
}

describe('ESXi simulator, standalone host over SOAP', () => {
  let sim: EsxiSimulator;
  beforeAll(async () => {
    sim = await startEsxiSimulator({
      profile: 'esxi-6.7-risky',
      username: 'root',
      password: 'lab-pw',
      withoutManagers: ['kernelModuleSystem'],
    });
  });
  afterAll(() => sim.close());

  it('serves the service content without a session, with about from the profile', async () => {
    const reply = await soap(sim, 'RetrieveServiceContent', SI);
    expect(reply.status).toBe(200);
    const about = body(reply).RetrieveServiceContentResponse.returnval[0].about;
    expect(about).toMatchObject({
      apiType: 'HostAgent',
      productLineId: 'embeddedEsx',
      version: '6.7.0',
      build: '14320388',
      apiVersion: '6.7.3',
    });
  });

  it('esxcli: the executer runs a present handler, faults a handler 6.7 lacks and a method the handler does not have', async () => {
    const cookie = await login(sim, 'ha-sessionmgr');
    const mme = body(await soap(sim, 'RetrieveManagedMethodExecuter', ['HostSystem', 'ha-host'], '', cookie))
      .RetrieveManagedMethodExecuterResponse.returnval[0];
    expect(mme).toMatchObject({ '@type': 'ReflectManagedMethodExecuter', '#text': 'ha-managed-method-executer' });
    const exec = (moid: string, method: string) =>
      soap(
        sim,
        'ExecuteSoap',
        ['ReflectManagedMethodExecuter', 'ha-managed-method-executer'],
        `<moid>${moid}</moid><version>urn:vim25/5.0</version><method>${method}</method>`,
        cookie,
      );
    const ok = body(await exec('ha-cli-handler-hardware-cpu-global', 'vim.EsxCLI.hardware.cpu.global.get'))
      .ExecuteSoapResponse.returnval[0];
    expect(String(ok.response)).toMatch(
      /^<obj [^>]*xsi:type="VimEsxCLIhardwarecpuglobalgetCPUGlobal">.*<HVSupport>3<\/HVSupport>/,
    );
    expect(fault(await exec('ha-cli-handler-system-tls-server', 'vim.EsxCLI.system.tls.server.get'))).toMatchObject({
      type: 'ManagedObjectNotFound',
    });
    expect(fault(await exec('ha-cli-handler-hardware-cpu-global', 'vim.EsxCLI.hardware.cpu.global.set'))).toMatchObject(
      { type: 'MethodNotFound' },
    );
  });

  it('refuses a call without a session with NotAuthenticated, as a host does', async () => {
    const f = fault(await soap(sim, 'RetrievePropertiesEx', PC, hostProps('ha-host', ['name'])));
    expect(f).toMatchObject({ code: 'ServerFaultCode', detailName: 'NotAuthenticatedFault', type: 'NotAuthenticated' });
    expect(f.detail.object).toMatchObject({ '#text': 'ha-sessionmgr', '@type': 'SessionManager' });
  });

  it('faults a wrong password with InvalidLogin and sets no cookie', async () => {
    const reply = await soap(
      sim,
      'Login',
      ['SessionManager', 'ha-sessionmgr'],
      '<userName>root</userName><password>wrong</password>',
    );
    expect(fault(reply)).toMatchObject({
      detailName: 'InvalidLoginFault',
      type: 'InvalidLogin',
      string: 'Cannot complete login due to an incorrect user name or password.',
    });
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('sets vmware_soap_session with Path and HttpOnly, and ends it on Logout', async () => {
    const reply = await soap(
      sim,
      'Login',
      ['SessionManager', 'ha-sessionmgr'],
      '<userName>root</userName><password>lab-pw</password>',
    );
    const setCookie = String((reply.headers['set-cookie'] as string[])[0]);
    expect(setCookie).toMatch(/^vmware_soap_session="[0-9a-f]{40}"; Path=\/; HttpOnly; Secure;$/);
    const cookie = setCookie.split(';')[0];
    expect((await soap(sim, 'RetrievePropertiesEx', PC, hostProps('ha-host', ['name']), cookie)).status).toBe(200);
    expect((await soap(sim, 'Logout', ['SessionManager', 'ha-sessionmgr'], '', cookie)).status).toBe(200);
    expect(fault(await soap(sim, 'RetrievePropertiesEx', PC, hostProps('ha-host', ['name']), cookie)).type).toBe(
      'NotAuthenticated',
    );
  });

  it('faults with NotAuthenticated after the sessions expire', async () => {
    const cookie = await login(sim, 'ha-sessionmgr');
    sim.expireSessions();
    expect(fault(await soap(sim, 'RetrievePropertiesEx', PC, hostProps('ha-host', ['name']), cookie)).type).toBe(
      'NotAuthenticated',
    );
  });

  it('types values on the wire: enum and ArrayOf types, signed CPUID levels, colon bit strings', async () => {
    const cookie = await login(sim, 'ha-sessionmgr');
    const reply = await soap(
      sim,
      'RetrievePropertiesEx',
      PC,
      hostProps('ha-host', ['config.lockdownMode', 'hardware.cpuFeature', 'configManager']),
      cookie,
    );
    const props = Object.fromEntries(
      body(reply).RetrievePropertiesExResponse.returnval[0].objects[0].propSet.map((p: any) => [p.name, p.val]),
    );
    expect(props['config.lockdownMode']).toMatchObject({
      '#text': 'lockdownDisabled',
      '@xsi:type': 'HostLockdownMode',
    });
    expect(props['hardware.cpuFeature']['@xsi:type']).toBe('ArrayOfHostCpuIdInfo');
    expect(props['hardware.cpuFeature'].HostCpuIdInfo[0]['@xsi:type']).toBe('HostCpuIdInfo'); // items of an ArrayOf are typed
    const result = body(reply).RetrievePropertiesExResponse.returnval[0];
    expect(result['@xsi:type']).toBeUndefined(); // statically typed: no xsi:type, as in captured vSphere responses
    expect(result.objects[0]['@xsi:type']).toBeUndefined();
    expect(props.configManager['@xsi:type']).toBe('HostConfigManager');
    expect(props.configManager.advancedOption['@xsi:type']).toBeUndefined();
    const levels = props['hardware.cpuFeature'].HostCpuIdInfo.map((c: any) => Number(c.level));
    expect(levels).toEqual(loadProfile('esxi-6.7-risky').hardware.cpuFeature.map((c) => c.level));
    expect(levels).toContain(-2147483647); // 0x80000001 as a signed xsd:int
    expect(props['hardware.cpuFeature'].HostCpuIdInfo[1].ecx).toMatch(/^([01-]{4}:){7}[01-]{4}$/);
    expect(props.configManager.advancedOption).toMatchObject({ '#text': 'ha-adv-options', '@type': 'OptionManager' });
  });

  it('faults a property the 6.7 API does not define with InvalidProperty naming the unknown segment', async () => {
    const cookie = await login(sim, 'ha-sessionmgr');
    const f = fault(
      await soap(sim, 'RetrievePropertiesEx', PC, hostProps('ha-host', ['capability.uefiSecureBoot']), cookie),
    );
    expect(f).toMatchObject({ type: 'InvalidProperty', detail: { name: 'uefiSecureBoot' } });
  });

  it('answers QueryOptions by prefix with xsd-typed values, and InvalidName for an unknown key', async () => {
    const cookie = await login(sim, 'ha-sessionmgr');
    const reply = await soap(
      sim,
      'QueryOptions',
      ['OptionManager', 'ha-adv-options'],
      '<name>Config.HostAgent.plugins.solo.</name>',
      cookie,
    );
    expect(body(reply).QueryOptionsResponse.returnval).toEqual([
      { key: 'Config.HostAgent.plugins.solo.enableMob', value: { '#text': 'true', '@xsi:type': 'xsd:boolean' } },
    ]);
    const f = fault(
      await soap(sim, 'QueryOptions', ['OptionManager', 'ha-adv-options'], '<name>No.Such.Key</name>', cookie),
    );
    expect(f).toMatchObject({ type: 'InvalidName', detail: { name: 'No.Such.Key' } });
  });

  it('answers the lowercase fetchSoftwarePackages with the profile VIBs, and faults the capitalised name', async () => {
    const cookie = await login(sim, 'ha-sessionmgr');
    const ic: [string, string] = ['HostImageConfigManager', 'ha-image-config-manager'];
    const vibs = body(await soap(sim, 'fetchSoftwarePackages', ic, '', cookie)).fetchSoftwarePackagesResponse.returnval;
    expect(vibs.map((v: any) => [v.name, v.acceptanceLevel])).toContainEqual(['ghettoVCB', 'community']);
    expect(vibs.map((v: any) => v.name)).toContain('epsec-mux');
    expect(fault(await soap(sim, 'FetchSoftwarePackages', ic, '', cookie))).toMatchObject({
      type: 'MethodNotFound',
      detail: { method: 'FetchSoftwarePackages' },
    });
  });

  it('faults a manager the host does not serve with ManagedObjectNotFound', async () => {
    const cookie = await login(sim, 'ha-sessionmgr');
    const f = fault(await soap(sim, 'QueryModules', ['HostKernelModuleSystem', 'kernelModuleSystem'], '', cookie));
    expect(f).toMatchObject({ detailName: 'ManagedObjectNotFoundFault', type: 'ManagedObjectNotFound' });
    expect(f.detail.obj).toMatchObject({ '#text': 'kernelModuleSystem', '@type': 'HostKernelModuleSystem' });
  });

  it('shows runtime drift in the next read', async () => {
    const cookie = await login(sim, 'ha-sessionmgr');
    sim.setService('ha-host', 'TSM-SSH', false, 'off');
    sim.setOption('ha-host', 'UserVars.ESXiShellTimeOut', 600);
    const services = body(
      await soap(
        sim,
        'RetrievePropertiesEx',
        PC,
        `<specSet><propSet><type>HostServiceSystem</type><pathSet>serviceInfo</pathSet></propSet><objectSet><obj type="HostServiceSystem">serviceSystem</obj></objectSet></specSet><options/>`,
        cookie,
      ),
    );
    const ssh = services.RetrievePropertiesExResponse.returnval[0].objects[0].propSet[0].val.service.find(
      (s: any) => s.key === 'TSM-SSH',
    );
    expect(ssh).toMatchObject({ running: 'false', policy: 'off' });
    const option = body(
      await soap(
        sim,
        'QueryOptions',
        ['OptionManager', 'ha-adv-options'],
        '<name>UserVars.ESXiShellTimeOut</name>',
        cookie,
      ),
    );
    expect(option.QueryOptionsResponse.returnval[0].value).toMatchObject({ '#text': '600', '@xsi:type': 'xsd:long' });
  });

  it('counts requests in total and by method', async () => {
    const before = sim.requestsByMethod().RetrieveServiceContent ?? 0;
    const total = sim.requestCount();
    await soap(sim, 'RetrieveServiceContent', SI);
    expect(sim.requestsByMethod().RetrieveServiceContent).toBe(before + 1);
    expect(sim.requestCount()).toBe(total + 1);
  });

  it('has no vCenter REST: /api/session answers 400 and /rest is absent', async () => {
    expect(
      (
        await request(sim, 'POST', '/api/session', '', {
          Authorization: 'Basic ' + Buffer.from('root:lab-pw').toString('base64'),
        })
      ).status,
    ).toBe(400);
    expect((await request(sim, 'POST', '/rest/com/vmware/cis/session')).status).toBe(404);
  });
});

describe('ESXi simulator, injected failures and VMs', () => {
  let sim: EsxiSimulator;
  beforeAll(async () => {
    sim = await startEsxiSimulator({ profile: 'esxi-8.0-risky' });
  });
  afterAll(() => sim.close());

  it('drops the connection mid-response, truncates, answers HTML or 10 MB when told to', async () => {
    sim.injectFailure({ method: 'RetrieveServiceContent', kind: 'reset' });
    await expect(soap(sim, 'RetrieveServiceContent', SI)).rejects.toThrow();
    sim.injectFailure({ method: 'RetrieveServiceContent', kind: 'truncate' });
    const truncated = await soap(sim, 'RetrieveServiceContent', SI);
    expect(truncated.status).toBe(200);
    expect(truncated.body).not.toContain('</soapenv:Envelope>');
    sim.injectFailure({ method: 'RetrieveServiceContent', kind: 'html' });
    const html = await soap(sim, 'RetrieveServiceContent', SI);
    expect([html.status, html.headers['content-type']]).toEqual([503, 'text/html']);
    sim.injectFailure({ method: 'RetrieveServiceContent', kind: 'huge' });
    expect((await soap(sim, 'RetrieveServiceContent', SI)).body.length).toBeGreaterThan(10 * 1024 * 1024);
    expect((await soap(sim, 'RetrieveServiceContent', SI)).status).toBe(200); // each injection is used once
  });

  it('holds a request open without answering when told to hang', async () => {
    sim.injectFailure({ method: 'RetrieveServiceContent', kind: 'hang' });
    const before = sim.requestsByMethod().RetrieveServiceContent ?? 0;
    let settled = false;
    const pending = soap(sim, 'RetrieveServiceContent', SI).then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 200 && (sim.requestsByMethod().RetrieveServiceContent ?? 0) === before; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(sim.requestsByMethod().RetrieveServiceContent).toBe(before + 1);
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    await sim.close(); // closing the simulator ends the held connection
    await pending;
    expect(settled).toBe(true);
  });

  it('follows HostSystem.vm to VirtualMachine properties, partner SVM included', async () => {
    const other = await startEsxiSimulator({ profile: 'esxi-8.0-risky' });
    try {
      const cookie = await login(other, 'ha-sessionmgr');
      const spec =
        '<specSet><propSet><type>VirtualMachine</type><pathSet>name</pathSet><pathSet>config.managedBy</pathSet><pathSet>runtime.powerState</pathSet></propSet>' +
        '<objectSet><obj type="HostSystem">ha-host</obj><skip>true</skip><selectSet xsi:type="TraversalSpec"><type>HostSystem</type><path>vm</path></selectSet></objectSet></specSet><options/>';
      const objects = body(await soap(other, 'RetrievePropertiesEx', PC, spec, cookie)).RetrievePropertiesExResponse
        .returnval[0].objects;
      const vms = objects.map((o: any) => Object.fromEntries(o.propSet.map((p: any) => [p.name, p.val])));
      expect(vms.map((v: any) => v.name['#text'])).toEqual(Object.keys(other.hosts[0].profile.vms));
      const svm = vms.find((v: any) => v['config.managedBy']);
      expect(svm['config.managedBy']).toMatchObject({
        '@xsi:type': 'ManagedByInfo',
        extensionKey: 'com.vmware.vim.eam',
      });
      expect(svm['runtime.powerState']).toMatchObject({
        '#text': 'poweredOn',
        '@xsi:type': 'VirtualMachinePowerState',
      });
    } finally {
      await other.close();
    }
  });
});
