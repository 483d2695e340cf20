import { inspect } from 'node:util';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import { collectHosts, testContext, vsphereTarget } from './context.js';
import { useNockOffline } from './nock-offline.js';
import { calls, HOST_PROPERTIES, LOGIN, LOGOUT, SERVICE_CONTENT, soapFault, XML } from './soap-fixtures.js';

const ORIGIN = 'https://127.0.0.1:9443';
const target = vsphereTarget({ host: '127.0.0.1', port: 9443, tls: { insecure: true } });

async function failure(): Promise<CollectError> {
  const err = await collectHosts(target, testContext()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CollectError);
  return err as CollectError;
}

/** HTTP-level bad input: each case ends in one CollectError naming the target and the protocol step. */
describe('ESXi connector on bad HTTP answers (nock)', () => {
  useNockOffline();

  it('a plain HTTPS server that is not vSphere: connect step, HTTP status named', async () => {
    nock(ORIGIN)
      .post('/sdk')
      .reply(404, '<html><head><title>404 Not Found</title></head><body>nginx</body></html>', {
        'Content-Type': 'text/html',
      });
    const err = await failure();
    expect(err.step).toBe('connect');
    expect(err.code).toBe('HTTP_404');
    expect(err.message).toMatch(
      /esxi target "esx-under-test" \(127\.0\.0\.1:9443\): RetrieveServiceContent answered HTTP 404 .*not a vSphere SOAP endpoint/,
    );
  });

  it('an HTML error page with status 200: parse step, page title quoted', async () => {
    nock(ORIGIN)
      .post('/sdk')
      .reply(200, '<!DOCTYPE html><html><head><title>Portal login</title></head><body><p>sign in</body></html>', {
        'Content-Type': 'text/html',
      });
    const err = await failure();
    expect(err.step).toBe('parse');
    expect(err.code).toBe('NOT_SOAP');
    expect(err.message).toContain('answered with an HTML page (text/html, page title "Portal login"');
  });

  it('truncated XML: parse step', async () => {
    nock(ORIGIN).post('/sdk').reply(200, SERVICE_CONTENT.slice(0, 400), XML);
    const err = await failure();
    expect(err.step).toBe('parse');
    expect(err.code).toBe('MALFORMED_XML');
    expect(err.message).toContain('RetrieveServiceContent response is not well-formed XML');
  });

  it('a 10 MB response is refused at the size cap', async () => {
    nock(ORIGIN)
      .post('/sdk')
      .reply(200, `<a>${'x'.repeat(10 * 1024 * 1024)}</a>`, XML);
    const err = await failure();
    expect(err.code).toBe('RESPONSE_TOO_LARGE');
    expect(err.step).toBe('parse');
    expect(err.message).toContain(`exceeds ${8 * 1024 * 1024} bytes`);
  });

  it('a connection reset during Login keeps neither the password nor the request in the error or its cause', async () => {
    nock(ORIGIN).post('/sdk', calls('RetrieveServiceContent')).reply(200, SERVICE_CONTENT, XML);
    nock(ORIGIN)
      .post('/sdk', calls('Login'))
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const err = await collectHosts(target, testContext('Pa55-word-xyz')).then(
      () => undefined,
      (e: unknown) => e as CollectError,
    );
    expect(err).toBeInstanceOf(CollectError);
    expect(err!.step).toBe('auth');
    expect(err!.message).toContain('esxi target "esx-under-test" (127.0.0.1:9443): connection reset during Login');
    // A logger that prints the cause chain (util.inspect shows `cause` and every own property) must find no secret.
    const printed = inspect(err, { depth: 10, showHidden: true });
    expect(printed).toContain('socket hang up');
    expect(printed).not.toContain('Pa55-word-xyz');
    expect(printed).not.toMatch(/<password>|SOAPAction/);
  });

  it('wrong credentials: auth step, InvalidLogin, no second Login', async () => {
    nock(ORIGIN)
      .post('/sdk', calls('RetrieveServiceContent'))
      .reply(200, SERVICE_CONTENT, XML)
      .post('/sdk', calls('Login'))
      .reply(500, soapFault('InvalidLogin', 'Cannot complete login due to an incorrect user name or password.'), XML);
    const err = await failure();
    expect(err.step).toBe('auth');
    expect(err.code).toBe('InvalidLogin');
    expect(err.transient).toBe(false);
    // A retried Login would find no interceptor and fail differently; pendingMocks() is checked after each test.
  });

  it('session expired mid-scan: logs in once more, replays the new cookie exactly, and completes', async () => {
    nock(ORIGIN)
      .post('/sdk', calls('RetrieveServiceContent'))
      .reply(200, SERVICE_CONTENT, XML)
      .post('/sdk', calls('Login'))
      .reply(200, LOGIN, { ...XML, 'Set-Cookie': 'vmware_soap_session="first"; Path=/; HttpOnly; Secure;' })
      .post('/sdk', calls('RetrievePropertiesEx'))
      .matchHeader('cookie', 'vmware_soap_session="first"')
      .reply(500, soapFault('NotAuthenticated', 'The session is not authenticated.'), XML)
      .post('/sdk', calls('Login'))
      .reply(200, LOGIN, { ...XML, 'Set-Cookie': 'vmware_soap_session="second"; Path=/; HttpOnly; Secure;' })
      .post('/sdk', calls('RetrievePropertiesEx'))
      .matchHeader('cookie', 'vmware_soap_session="second"')
      .reply(200, HOST_PROPERTIES, XML)
      .post('/sdk', calls('RetrieveManagedMethodExecuter'))
      .reply(500, soapFault('MethodNotFound', 'Method RetrieveManagedMethodExecuter is not implemented'), XML)
      .post('/sdk', calls('Logout'))
      .matchHeader('cookie', 'vmware_soap_session="second"')
      .reply(200, LOGOUT, XML);
    const { hosts, stats } = await collectHosts(target, testContext());
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.product).toMatchObject({
      version: '8.0.3',
      build: '24674464',
      patchLevel: '8.0 U3e',
      releaseName: 'ESXi 8.0 Update 3e',
    });
    expect(hosts[0]!.collection.serverTrust).toBe('insecure');
    // A host without the esxcli executer: those facts unknown with the fault, the host still collected.
    expect(hosts[0]!.esxi.cli?.tlsProfile).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('RetrieveManagedMethodExecuter on HostSystem ha-host failed: MethodNotFound'),
    });
    expect(stats.requests).toBe(7);
  });

  it('a session that expires again right after the re-login is an error, not a loop', async () => {
    const notAuthenticated = soapFault('NotAuthenticated', 'The session is not authenticated.');
    nock(ORIGIN)
      .post('/sdk', calls('RetrieveServiceContent'))
      .reply(200, SERVICE_CONTENT, XML)
      .post('/sdk', calls('Login'))
      .times(2)
      .reply(200, LOGIN, { ...XML, 'Set-Cookie': 'vmware_soap_session="s"; Path=/' })
      .post('/sdk', calls('RetrievePropertiesEx'))
      .times(2)
      .reply(500, notAuthenticated, XML)
      .post('/sdk', calls('Logout'))
      .reply(500, notAuthenticated, XML);
    const err = await failure();
    expect(err.step).toBe('collect');
    expect(err.code).toBe('NotAuthenticated');
    expect(err.message).toContain('RetrievePropertiesEx (hosts and VMs) failed: NotAuthenticated');
  });
});
