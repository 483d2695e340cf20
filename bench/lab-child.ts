import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { projectFile } from '../src/core/paths.js';
import { entryArgs, pinnedCommand } from './program.js';

export interface LabChildOptions {
  profile?: 'mixed' | 'risky' | 'hardened';
  esxi: number;
  vcenterHosts: number;
  hyperv: number;
  latencyMs: number;
  outDir: string;
  /** Pins the lab to these CPUs (taskset list form), so the simulated hosts do not compete with the scanner. */
  cpus?: string;
}

export interface LabChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface LabChild {
  child: ChildProcess;
  /** The `lab ready: N hosts, config DIR/config.json` line as printed. */
  readyLine: string;
  hostCount: number;
  configPath: string;
  /** User + system CPU the lab process has used so far (Linux /proc), undefined elsewhere. */
  cpuMs(): number | undefined;
  /** SIGTERM, then the exit; SIGKILL and a rejection when it does not stop within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<LabChildExit>;
}

/** utime + stime of a process from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms on Linux). */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const READY = /^lab ready: (\d+) hosts, config (.+)$/m;

/**
 * `hvscan lab` in a child Node, so the simulated hosts' CPU and memory are not counted as the scanner's. Resolves
 * once the ready line is printed; rejects (and kills the child) when it exits first or `timeoutMs` passes.
 */
export function startLabChild(options: LabChildOptions, timeoutMs = 180_000): Promise<LabChild> {
  const args = [
    ...entryArgs('src/index.ts'),
    'lab',
    '--profile',
    options.profile ?? 'mixed',
    '--esxi',
    String(options.esxi),
    '--vcenter-hosts',
    String(options.vcenterHosts),
    '--hyperv',
    String(options.hyperv),
    '--latency',
    String(options.latencyMs),
    '--out',
    options.outDir,
  ];
  const [command, pinnedArgs] = pinnedCommand(process.execPath, args, options.cpus);
  const child = spawn(command, pinnedArgs, {
    cwd: projectFile('.'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c));
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<LabChildExit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );

  const stop = async (stopTimeoutMs = 20_000): Promise<LabChildExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`hvscan lab (pid ${child.pid}) did not stop within ${stopTimeoutMs} ms of SIGTERM`));
      }, stopTimeoutMs);
    });
    try {
      return await Promise.race([exited, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  return new Promise<LabChild>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`hvscan lab printed no ready line within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const m = READY.exec(stdout);
      if (!m) return;
      cleanup();
      resolve({
        child,
        readyLine: m[0],
        hostCount: Number(m[1]),
        configPath: m[2]!,
        stop,
        cpuMs: () => processCpuMs(child.pid),
      });
    };
    const onClose = () => {
      cleanup();
      reject(new Error(`hvscan lab exited before it was ready (code ${child.exitCode}):\n${stderr}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('close', onClose);
    };
    child.stdout!.on('data', onData);
    child.on('close', onClose);
  });
}
