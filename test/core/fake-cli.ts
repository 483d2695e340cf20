// The real CLI (src/main.ts: signals, crash path and exit, as src/index.ts) with scripted connectors, for child tests.
// Targets whose host starts with "ok" return facts, "leak" ones log and throw their secrets, "echo" ones return facts
// whose errors quote the password, "reject" and "throw" ones crash the process (an unhandled rejection, an uncaught
// exception); every other host hangs until its signal fires.
import { CollectError } from '../../src/core/connector/errors.js';
import { main } from '../../src/main.js';
import { esxiFacts } from '../fixtures/facts.js';
import type { CollectContext } from '../../src/core/connector/types.js';
import { hang, scriptedConnector } from './fake-connectors.js';

const connector = scriptedConnector(async (target, context) => {
  if (target.host.startsWith('ok')) return [esxiFacts({ identity: { name: target.name, address: target.host } })];
  if (target.host.startsWith('leak')) return leakEverything(context);
  // A bug in a connector: a rejection nobody handles, carrying the password in its message.
  if (target.host.startsWith('reject'))
    void Promise.reject(new Error(`stray rejection, password ${context.credentials.password}`));
  if (target.host.startsWith('throw'))
    setTimeout(() => {
      throw new Error(`uncaught exception, password ${context.credentials.password}`);
    });
  if (target.host.startsWith('echo')) {
    // A host that echoes the password back in an error text it returns as data.
    const message = `remote said: bad password ${context.credentials.password}`;
    return [
      esxiFacts({
        identity: { name: target.name },
        collection: { errors: [{ step: 'collect', section: 'hostd', message }] },
      }),
    ];
  }
  return hang(context);
});

/** Logs and throws every kind of secret the redaction must catch; the session tokens come from the test's env. */
function leakEverything(context: CollectContext): never {
  const { password = '', privateKey = '', passphrase = '' } = context.credentials;
  const soap = process.env.LEAK_SOAP_SESSION ?? '';
  const api = process.env.LEAK_API_SESSION ?? '';
  const ntlm = process.env.LEAK_NTLM_TOKEN ?? '';
  const basic = Buffer.from(`root:${password}`).toString('base64');
  context.logger.debug(`login with ${password}`, { password, passphrase, privateKey });
  context.logger.debug('request', {
    headers: { Authorization: `Basic ${basic}`, Cookie: `vmware_soap_session="${soap}"`, 'vmware-api-session-id': api },
  });
  context.logger.debug(`set-cookie: vmware_soap_session="${soap}"; Path=/; HttpOnly`);
  context.logger.debug(`WWW-Authenticate: NTLM ${ntlm}`);
  context.logger.debug(`loaded key\n${privateKey}`);
  context.logger.error(new Error(`key passphrase ${passphrase} rejected`));
  throw new CollectError(
    'auth',
    `login failed for password ${password}: Authorization: Basic ${basic}; vmware-api-session-id: ${api}; NTLM ${ntlm}`,
  );
}

main(process.argv.slice(2), { isTTY: false, connectorFor: async () => connector });
