import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Protocol tests run real peers (sshd, vcsim, pywinrm, Chromium) on a 2-core CI machine: allow for load, not for
    // slowness — speed targets live in `npm run bench`, never in test timeouts.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    exclude: ['**/node_modules/**', '**/dist/**'],
  },
});
