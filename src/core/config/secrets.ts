import type { Credentials } from '../connector/types.js';
import { FileProblem, readBoundedFile } from './bounded-file.js';
import { resolveConfigPath } from './load.js';
import type { Target } from './schema.js';

/** A secret that cannot be read: the config key (`passwordEnv`...) and why, naming the variable or file, never the value. */
export interface SecretProblem {
  key: string;
  detail: string;
}

/**
 * Reads a target's secrets from the environment and from files named in the config (regular files of at most 1 MiB,
 * read asynchronously so a hostile path cannot freeze the scan). Every problem is returned, not only the first.
 */
export async function resolveCredentials(
  target: Target,
  configFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ credentials: Credentials; problems: SecretProblem[] }> {
  const credentials: Credentials = { username: target.username };
  const problems: SecretProblem[] = [];
  const fromEnv = (key: string, variable: string): string | undefined => {
    const value = env[variable];
    if (value === undefined || value === '')
      problems.push({ key, detail: `environment variable ${variable} is not set` });
    return value || undefined;
  };
  /** Password files may end with a newline (echo > file); key files are used as they are. */
  const fromFile = async (key: string, path: string, trimNewline: boolean): Promise<string | undefined> => {
    const absolute = resolveConfigPath(path, configFile);
    try {
      const text = await readBoundedFile(absolute);
      const value = trimNewline ? text.replace(/\r?\n$/, '') : text;
      if (value === '') problems.push({ key, detail: `${absolute} is empty` });
      return value || undefined;
    } catch (err) {
      if (!(err instanceof FileProblem)) throw err;
      problems.push({ key, detail: err.message });
      return undefined;
    }
  };

  if (target.passwordEnv) credentials.password = fromEnv('passwordEnv', target.passwordEnv);
  if (target.passwordFile) credentials.password = await fromFile('passwordFile', target.passwordFile, true);
  if (target.platform === 'hyperv' && target.transport === 'ssh') {
    if (target.privateKeyPath) credentials.privateKey = await fromFile('privateKeyPath', target.privateKeyPath, false);
    if (target.passphraseEnv) credentials.passphrase = fromEnv('passphraseEnv', target.passphraseEnv);
    if (target.agent) {
      credentials.agentSocket = env.SSH_AUTH_SOCK || undefined;
      if (!credentials.agentSocket) problems.push({ key: 'agent', detail: 'true, but SSH_AUTH_SOCK is not set' });
    }
  }
  for (const key of Object.keys(credentials) as Array<keyof Credentials>)
    if (credentials[key] === undefined) delete credentials[key];
  return { credentials, problems };
}
