import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** OpenSSH's ssh-agent in the foreground on a private socket, holding the given keys. */
export async function startSshAgent(
  dir: string,
  keyPaths: string[],
): Promise<{ socket: string; stop(): Promise<void> }> {
  const socket = join(dir, 'agent.sock');
  const child = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!existsSync(socket)) {
    child.kill('SIGTERM');
    throw new Error('ssh-agent did not create its socket within 5 s');
  }
  const env = { ...process.env, SSH_AUTH_SOCK: socket };
  // The socket file appears before the agent listens on it; ssh-add -l exits 1 (no keys) once it answers.
  for (let i = 0; i < 100; i++) {
    const answered = await run('ssh-add', ['-l'], { env }).then(
      () => true,
      (err: { code?: number }) => err.code === 1,
    );
    if (answered) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const key of keyPaths) await run('ssh-add', ['-q', key], { env });
  return {
    socket,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
