// Child process for the atomic-write test: writes report A, then announces and starts writing a large report B.
// The test kills it with SIGKILL while B is being written.
import { writeFileAtomic } from '../../src/report/atomic.js';

const [path, sizeMb] = process.argv.slice(2);
await writeFileAtomic(path!, JSON.stringify({ report: 'A' }));
process.stdout.write('A-written\n');
const big = JSON.stringify({ report: 'B', padding: 'x'.repeat(Number(sizeMb) * 1024 * 1024) });
process.stdout.write('B-started\n');
await writeFileAtomic(path!, big);
process.stdout.write('B-written\n');
