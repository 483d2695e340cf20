// The real CLI (runCli + the same signal handling as src/index.ts) with scripted connectors, for child-process tests.
// Targets whose host starts with "ok" return facts, "leak" ones log and throw their secrets, "echo" ones return facts
// whose errors quote the password; every other host hangs until its signal fires.
import { CollectError } from '../../connectors/errors.js';
import { runCli } from '../../src/cli.js';
import { interruptOnSignals } from '../../src/interrupt.js';
import { esxiFacts } from '../fixtures/facts.js';
import type { CollectContext } from '../../connectors/types.js';
import { hang, scriptedConnector } from './fake-connectors.js';

const connector = scriptedConnector(async (target, context) => {
  if (target.host.startsWith('ok')) return [esxiFacts({ identity: { name: target.name, address: target.host } })];
  if (target.host.startsWith('leak')) return leakEverything(context);
  if (target.host.startsWith('echo')) {
    // A host that echoes the password back in an error text it returns as data.
    const message = `remote said: bad password ${context.credentials.password}`;
    return [esxiFacts({ identity: { name: target.name }, collection: { errors: [{ step: 'collect', section: 'hostd', message }] } })];
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
  context.logger.debug('request', { headers: { Authorization: `Basic ${basic}`, Cookie: `vmware_soap_session="${soap}"`, 'vmware-api-session-id': api } });
  context.logger.debug(`set-cookie: vmware_soap_session="${soap}"; Path=/; HttpOnly`);
  context.logger.debug(`WWW-Authenticate: NTLM ${ntlm}`);
  context.logger.debug(`loaded key\n${privateKey}`);
  context.logger.error(new Error(`key passphrase ${passphrase} rejected`));
  throw new CollectError(
    'auth',
    `login failed for password ${password}: Authorization: Basic ${basic}; vmware-api-session-id: ${api}; NTLM ${ntlm}`,
  );
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: false,
  signal: interruptOnSignals(process.stderr, () => process.kill(process.pid, 'SIGKILL')),
  env: process.env,
  connectorFor: async () => connector,
});
process.exitCode = code;
