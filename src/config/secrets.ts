import { readFileSync } from 'node:fs';
import { CollectError } from '../../connectors/errors.js';
import type { Credentials } from '../../connectors/types.js';
import { resolveConfigPath } from './load.js';
import type { Target } from './schema.js';

/**
 * Reads a target's secrets from the environment and files named in the config. Errors name the target and the config
 * key (and the variable or file), never the secret.
 */
export function resolveCredentials(target: Target, configFile: string, env: NodeJS.ProcessEnv = process.env): Credentials {
  const where = `target ${target.name}`;
  const credentials: Credentials = { username: target.username };
  if (target.passwordEnv) credentials.password = fromEnv(env, target.passwordEnv, `${where}: passwordEnv`);
  if (target.passwordFile) credentials.password = fromFile(resolveConfigPath(target.passwordFile, configFile), `${where}: passwordFile`);
  if (target.platform === 'hyperv' && target.transport === 'ssh') {
    if (target.privateKeyPath) {
      credentials.privateKey = fromFile(resolveConfigPath(target.privateKeyPath, configFile), `${where}: privateKeyPath`, false);
    }
    if (target.passphraseEnv) credentials.passphrase = fromEnv(env, target.passphraseEnv, `${where}: passphraseEnv`);
    if (target.agent) {
      const socket = env.SSH_AUTH_SOCK;
      if (!socket) throw new CollectError('config', `${where}: agent: true but SSH_AUTH_SOCK is not set`);
      credentials.agentSocket = socket;
    }
  }
  return credentials;
}

function fromEnv(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new CollectError('config', `${what}: environment variable ${name} is not set`);
  return value;
}

/** Password files may end with a newline (echo > file); key files are used as they are. */
function fromFile(path: string, what: string, trimNewline = true): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CollectError('config', `${what}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const value = trimNewline ? text.replace(/\r?\n$/, '') : text;
  if (value === '') throw new CollectError('config', `${what}: ${path} is empty`);
  return value;
}
