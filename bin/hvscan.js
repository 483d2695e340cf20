#!/usr/bin/env node
// The CLI runs from the compiled tree; `npm install` builds it through the `prepare` script.
import('../dist/src/index.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/index.js')) {
    console.error('hvscan: dist/ is missing; run `npm install` (or `npm run build`) first');
    process.exit(2);
  }
  throw err;
});
