// Regenerates docs/rules/ from the rule metadata: `tsx scripts/gen-rule-docs.ts [dir]` (default docs/rules).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRuleDocs } from '../src/rules/docs.js';

const dir = process.argv[2]
  ? resolve(process.argv[2])
  : join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules');
const { written, removed } = writeRuleDocs(dir);
console.log(`${dir}: ${written} page(s) written, ${removed.length} removed`);
