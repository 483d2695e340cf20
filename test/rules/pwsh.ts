import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where the project's dev and CI images install PowerShell 7. */
export const DEFAULT_PWSH = '/opt/hvscan-tools/pwsh/pwsh';

/**
 * The pwsh binary for tests: $HVSCAN_PWSH, then the default install path, then `pwsh` on PATH; undefined when none
 * runs. Under CI=true a missing pwsh is an error, so a test that needs it can never pass by being skipped.
 */
export function locatePwsh(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.HVSCAN_PWSH, DEFAULT_PWSH, 'pwsh'].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    const probe = spawnSync(
      candidate,
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.Major'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (probe.status === 0 && Number(probe.stdout.trim()) >= 7) return candidate;
  }
  if (env.CI === 'true') throw new Error(`pwsh 7 not found (tried ${candidates.join(', ')}); set HVSCAN_PWSH`);
  return undefined;
}
