import { X509Certificate } from 'node:crypto';
import type { Credentials } from '../connector/types.js';
import { FileProblem, readBoundedFile } from './bounded-file.js';
import { resolveTargetPaths } from './load.js';
import type { Config, Target } from './schema.js';
import { resolveCredentials } from './secrets.js';

/** One target after the checks: its paths made absolute, its secrets read, and what is wrong with it (empty when fine). */
export interface CheckedTarget {
  target: Target;
  credentials: Credentials;
  /** Each line starts with the JSON path (`targets[2].tls.caFile: ...`) and ends naming the target. */
  problems: string[];
}

/**
 * What `scan` and `validate` both check before the first connection: every secret each target names is set and
 * readable (regular files of at most 1 MiB), a private key parses, a CA file holds certificates, a known_hosts file is
 * readable. Targets are checked one after another: a scan of thousands of targets does not open thousands of files.
 * `only`: the targets a scan selected (--target, --platform); problems of the others do not stop it.
 */
export async function checkTargets(
  config: Config,
  configFile: string,
  env: NodeJS.ProcessEnv,
  only?: readonly Target[],
): Promise<CheckedTarget[]> {
  const checked: CheckedTarget[] = [];
  for (const [index, raw] of config.targets.entries()) {
    if (only && !only.includes(raw)) continue;
    const target = resolveTargetPaths(raw, configFile);
    const where = (key: string) => `targets[${index}].${key}`;
    const { credentials, problems: secretProblems } = await resolveCredentials(raw, configFile, env);
    const problems = secretProblems.map((p) => `${where(p.key)}: ${p.detail}`);
    if (credentials.privateKey) problems.push(...(await keyProblems(credentials, where('privateKeyPath'))));
    if ('tls' in target && target.tls?.caFile)
      problems.push(...(await caFileProblems(target.tls.caFile, where('tls.caFile'))));
    if (target.platform === 'hyperv' && target.transport === 'ssh' && target.ssh?.knownHostsFile) {
      problems.push(
        ...(await knownHostsProblems(
          target.ssh.knownHostsFile,
          target.ssh.trustOnFirstUse === true,
          where('ssh.knownHostsFile'),
        )),
      );
    }
    checked.push({ target, credentials, problems: problems.map((p) => `${p} (target ${target.name})`) });
  }
  return checked;
}

/** ssh2 parses the key as the connection would; its messages name the format or the passphrase, never key bytes. */
async function keyProblems(credentials: Credentials, where: string): Promise<string[]> {
  const { utils } = (await import('ssh2')).default;
  const parsed = utils.parseKey(credentials.privateKey!, credentials.passphrase);
  return parsed instanceof Error ? [`${where}: not a private key SSH can use (${parsed.message})`] : [];
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

async function caFileProblems(path: string, where: string): Promise<string[]> {
  let text: string;
  try {
    text = await readBoundedFile(path);
  } catch (err) {
    if (err instanceof FileProblem) return [`${where}: ${err.message}`];
    throw err;
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return [`${where}: ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`];
  return blocks.flatMap((block, n) => {
    try {
      new X509Certificate(block);
      return [];
    } catch (err) {
      return [`${where}: certificate ${n + 1} in ${path} cannot be parsed (${(err as Error).message})`];
    }
  });
}

/** A missing file is fine with trust-on-first-use: the first key is recorded into it. */
async function knownHostsProblems(path: string, trustOnFirstUse: boolean, where: string): Promise<string[]> {
  try {
    await readBoundedFile(path);
    return [];
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    return err.code === 'ENOENT' && trustOnFirstUse ? [] : [`${where}: ${err.message}`];
  }
}
