// Where a scan's CPU goes: `node dist/bench/profile-summary.js FILE.cpuprofile [top]` prints self time by function and
// by area (hvscan's own folders, each npm package, Node's internals, GC) from a V8 CPU profile, such as the one
// `HVSCAN_BENCH=standalone HVSCAN_BENCH_PROFILE=DIR npm run bench` writes for the ESXi scan.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../src/core/paths.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** hvscan's folders by their first two path segments (connectors/esxi, src/report), a package by name, else Node. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const path = url
    .replace(/^file:\/\//, '')
    .replace(`${PROJECT_ROOT}/`, '')
    .replace(/^dist\//, '');
  return path.split('/').slice(0, 2).join('/');
}

export function summarizeProfile(profile: CpuProfile): {
  totalMs: number;
  byFunction: Array<[string, number]>;
  byArea: Array<[string, number]>;
} {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === '(idle)') return;
    totalMs += ms;
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + ms);
    const a = areaOf(frame.url, frame.functionName);
    area.set(a, (area.get(a) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]);
  return { totalMs, byFunction: sorted(fn), byArea: sorted(area) };
}

function main(): void {
  const [file, top = '25'] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.js FILE.cpuprofile [top]');
  const s = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const line = ([name, ms]: [string, number]) =>
    `${ms.toFixed(0).padStart(7)} ms ${((ms / s.totalMs) * 100).toFixed(1).padStart(5)}%  ${name}`;
  process.stdout.write(
    `${s.totalMs.toFixed(0)} ms sampled (idle excluded)\n\nby area:\n${s.byArea.slice(0, Number(top)).map(line).join('\n')}\n\nby function (self time):\n${s.byFunction.slice(0, Number(top)).map(line).join('\n')}\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
