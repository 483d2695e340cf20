import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { readBoundedFileSync, type FileProblem } from './bounded-file.js';
import { configProblems } from './checks.js';
import { describeIssues, expectedMessage } from './issues.js';
import { jsonSyntaxProblem } from './json-syntax.js';
import { knownKeysAt } from './known-keys.js';
import { Config, type Target } from './schema.js';

/** Every problem of a config file, one line each; thrown as a whole so the user fixes them in one pass. */
export class ConfigError extends UserError {
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`config ${file} is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file; relative paths inside it resolve against its directory. */
  file: string;
}

/** Schema and combination problems of a parsed JSON document; empty when it is a valid config. */
export function validateConfig(raw: unknown): { config?: Config; problems: string[] } {
  const parsed = Config.safeParse(raw, { reportInput: true, error: expectedMessage });
  const keysAt = (path: readonly PropertyKey[]) => knownKeysAt(Config, raw, path);
  const problems = [...(parsed.success ? [] : describeIssues(parsed.error.issues, keysAt)), ...configProblems(raw)];
  return problems.length === 0 && parsed.success ? { config: parsed.data, problems } : { problems };
}

/** Thousands of targets fit in a few MB; a larger config is a mistake (or /dev/zero). */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

export function loadConfig(path: string): LoadedConfig {
  const file = resolve(path);
  let text: string;
  try {
    text = readBoundedFileSync(file, MAX_CONFIG_BYTES);
  } catch (err) {
    throw new UserError(`config ${path}: ${unreadable(err as FileProblem, file)}`);
  }
  // Editors on Windows save UTF-8 with a byte order mark; JSON.parse rejects it.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UserError(`config ${path}: not valid JSON (${jsonSyntaxProblem(err, text)})`);
  }
  const { config, problems } = validateConfig(raw);
  if (!config) throw new ConfigError(path, problems);
  return { config, file };
}

/** Why a config file could not be read, in words, with what to do. */
function unreadable(err: FileProblem, file: string): string {
  switch (err.code) {
    case 'ENOENT':
      return `no such file (${file}); write a starter config with \`hvscan init\`, or copy config.example.json`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied reading ${file}`;
    case 'EISDIR':
      return `${file} is a directory; give the config file itself`;
    default:
      // A FIFO, a device, a file over the size limit: the message names the file and says why.
      return err.message;
  }
}

/** `~/x` → $HOME/x; relative paths resolve against the config file's directory. */
export function resolveConfigPath(path: string, configFile: string): string {
  if (path === '~' || path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(dirname(configFile), path);
}

/** The target with the file paths connectors read themselves (CA file, known_hosts) made absolute. */
export function resolveTargetPaths(target: Target, configFile: string): Target {
  const resolved = structuredClone(target);
  if ('tls' in resolved && resolved.tls?.caFile)
    resolved.tls.caFile = resolveConfigPath(resolved.tls.caFile, configFile);
  if (resolved.platform === 'hyperv' && resolved.transport === 'ssh' && resolved.ssh?.knownHostsFile) {
    resolved.ssh.knownHostsFile = resolveConfigPath(resolved.ssh.knownHostsFile, configFile);
  }
  return resolved;
}
