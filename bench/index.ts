// `npm run bench`: the scale benchmark (bench/scale.ts), the rules benchmark (bench/rules.ts), then the Hyper-V
// collector under pwsh on 500 mock VMs (bench/hyperv-collector.ts). Arguments go to the scale benchmark.
import { spawnSync } from 'node:child_process';
import { projectFile } from '../src/core/paths.js';
import { entryArgs } from './program.js';

for (const [script, args] of [['bench/scale.ts', process.argv.slice(2)], ['bench/rules.ts', []], ['bench/hyperv-collector.ts', []]] as const) {
  process.stdout.write(`\n== ${script}\n`);
  const run = spawnSync(process.execPath, ['--expose-gc', ...entryArgs(script), ...args], { stdio: 'inherit', cwd: projectFile('.') });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
