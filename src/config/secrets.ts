import { readFileSync } from 'node:fs';
import { CollectError } from '../../connectors/errors.js';
import type { Credentials } from '../../connectors/types.js';
import { resolveConfigPath } from './load.js';
import type { Target } from './schema.js';

/** A secret that cannot be read; names the target and the config key (`passwordEnv`...), never the value. */
export class SecretSourceError extends CollectError {
  constructor(
    readonly target: string,
    readonly key: string,
    readonly detail: string,
  ) {
    super('config', `target ${target}: ${key}: ${detail}`);
    this.name = 'SecretSourceError';
  }
}

/**
 * Reads a target's secrets from the environment and files named in the config. Errors name the target and the config
 * key (and the variable or file), never the secret.
 */
export function resolveCredentials(target: Target, configFile: string, env: NodeJS.ProcessEnv = process.env): Credentials {
  const name = target.name;
  const credentials: Credentials = { username: target.username };
  if (target.passwordEnv) credentials.password = fromEnv(env, target.passwordEnv, name, 'passwordEnv');
  if (target.passwordFile) credentials.password = fromFile(resolveConfigPath(target.passwordFile, configFile), name, 'passwordFile');
  if (target.platform === 'hyperv' && target.transport === 'ssh') {
    if (target.privateKeyPath) {
      credentials.privateKey = fromFile(resolveConfigPath(target.privateKeyPath, configFile), name, 'privateKeyPath', false);
    }
    if (target.passphraseEnv) credentials.passphrase = fromEnv(env, target.passphraseEnv, name, 'passphraseEnv');
    if (target.agent) {
      const socket = env.SSH_AUTH_SOCK;
      if (!socket) throw new SecretSourceError(name, 'agent', 'true, but SSH_AUTH_SOCK is not set');
      credentials.agentSocket = socket;
    }
  }
  return credentials;
}

function fromEnv(env: NodeJS.ProcessEnv, variable: string, target: string, key: string): string {
  const value = env[variable];
  if (value === undefined || value === '') throw new SecretSourceError(target, key, `environment variable ${variable} is not set`);
  return value;
}

/** Password files may end with a newline (echo > file); key files are used as they are. */
function fromFile(path: string, target: string, key: string, trimNewline = true): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SecretSourceError(target, key, `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const value = trimNewline ? text.replace(/\r?\n$/, '') : text;
  if (value === '') throw new SecretSourceError(target, key, `${path} is empty`);
  return value;
}
