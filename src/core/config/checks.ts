import { Target, type Target as TargetT } from './schema.js';

/**
 * Problems the schema cannot express (how fields combine). Run on every target that parses on its own, so they are
 * reported together with the schema errors of other targets.
 */
export function targetProblems(target: TargetT, where: string): string[] {
  const problems: string[] = [];
  const passwordSources = [target.passwordEnv && 'passwordEnv', target.passwordFile && 'passwordFile'].filter(Boolean);
  if (passwordSources.length > 1)
    problems.push(`${where}.passwordFile: conflicts with passwordEnv; give one password source`);

  if (target.platform === 'hyperv' && target.transport === 'ssh') {
    if (passwordSources.length === 0 && !target.privateKeyPath && !target.agent) {
      problems.push(`${where}: expected a credential: privateKeyPath, agent: true, passwordEnv or passwordFile`);
    }
    if (target.passphraseEnv && !target.privateKeyPath)
      problems.push(`${where}.passphraseEnv: only used with privateKeyPath`);
    // The connector refuses this combination before connecting. A target with no host key check at all is accepted:
    // the scan refuses the unknown key and names its fingerprint, which is how a first contact is pinned.
    if (target.ssh?.trustOnFirstUse && !target.ssh.knownHostsFile) {
      problems.push(`${where}.ssh.trustOnFirstUse: needs ssh.knownHostsFile to record the key in`);
    }
  } else if (passwordSources.length === 0) {
    problems.push(`${where}: expected a password source: passwordEnv or passwordFile`);
  }

  if ('tls' in target && target.tls?.insecure) {
    if (target.tls.fingerprint)
      problems.push(`${where}.tls.insecure: conflicts with tls.fingerprint; a pinned certificate is verified`);
    if (target.tls.caFile) problems.push(`${where}.tls.insecure: conflicts with tls.caFile; a CA is used to verify`);
  }
  if (target.platform === 'hyperv' && target.transport === 'winrm' && !target.winrm.https) {
    if (target.winrm.auth === 'basic') {
      problems.push(
        `${where}.winrm.auth: basic over HTTP sends the password readable on the wire; use winrm.https: true or auth: "ntlm"`,
      );
    }
    if (target.tls) problems.push(`${where}.tls: only used with winrm.https: true`);
  }
  return problems;
}

/** Cross-target problems plus each parsable target's own combination problems. */
export function configProblems(raw: unknown): string[] {
  const targets = (raw as { targets?: unknown } | null)?.targets;
  if (!Array.isArray(targets)) return [];
  const problems: string[] = [];
  const firstIndexByName = new Map<string, number>();
  targets.forEach((candidate, index) => {
    const name = (candidate as { name?: unknown } | null)?.name;
    if (typeof name === 'string') {
      const first = firstIndexByName.get(name);
      if (first === undefined) firstIndexByName.set(name, index);
      else
        problems.push(`targets[${index}].name: duplicate target name ${JSON.stringify(name)} (also targets[${first}])`);
    }
    const parsed = Target.safeParse(candidate);
    if (parsed.success) problems.push(...targetProblems(parsed.data, `targets[${index}]`));
  });
  return problems;
}
