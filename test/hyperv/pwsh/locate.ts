import { join } from 'node:path';
import { describe, it } from 'vitest';
import { findPwsh, TOOLS_DIR } from './pwsh-path.js';

export { findPwsh, pwshVersion, TOOLS_DIR } from './pwsh-path.js';

const MISSING = `pwsh not found ($HVSCAN_PWSH, ${join(TOOLS_DIR, 'pwsh', 'pwsh')}, PATH): run scripts/install-test-tools.sh`;

/**
 * describe() for tests that need real PowerShell. Without pwsh they are skipped locally with the reason, but under
 * CI=true a failing test stands in for them: CI must never pass by skipping the collector.
 */
export function describeWithPwsh(
  name: string,
  options: Parameters<typeof describe>[1],
  body: (pwsh: string) => void,
): void {
  const pwsh = findPwsh();
  if (pwsh) {
    describe(name, options as object, () => body(pwsh));
  } else if (process.env.CI === 'true') {
    describe(name, () =>
      it('has PowerShell to run the collector with', () => {
        throw new Error(MISSING);
      }),
    );
  } else {
    describe.skip(`${name} (skipped: ${MISSING})`, () => it('needs pwsh', () => undefined));
  }
}
