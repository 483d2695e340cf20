// `npm run bench`: the scale benchmark (bench/scale.ts), the rules benchmark (bench/rules.ts), the Hyper-V collector
// under pwsh on 500 mock VMs (bench/hyperv-collector.ts), issue 14's rows (bench/issue14.ts: govmomi, standalone),
// then memory flat in N (bench/memory-flat.ts: 1,000 and 10,000 vCenter hosts, several minutes). Arguments go to the
// scale benchmark. HVSCAN_BENCH=scale,rules,hyperv-collector,govmomi,standalone,memory selects rows.
import { spawnSync } from 'node:child_process';
import { projectFile } from '../src/core/paths.js';
import { entryArgs } from './program.js';
import { selectedRows, type BenchRow } from './select.js';

const rows = selectedRows(process.env.HVSCAN_BENCH);
const scripts: Array<[string, string[], BenchRow[]]> = [
  ['bench/scale.ts', process.argv.slice(2), ['scale']],
  ['bench/rules.ts', [], ['rules']],
  ['bench/hyperv-collector.ts', [], ['hyperv-collector']],
  ['bench/issue14.ts', [], ['govmomi', 'standalone']],
  ['bench/memory-flat.ts', [], ['memory']],
];
for (const [script, args, covers] of scripts) {
  if (!covers.some((row) => rows.has(row))) continue;
  process.stdout.write(`\n== ${script}\n`);
  const run = spawnSync(process.execPath, ['--expose-gc', ...entryArgs(script), ...args], {
    stdio: 'inherit',
    cwd: projectFile('.'),
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
