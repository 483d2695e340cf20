import { statSync } from 'node:fs';
import type { Logger } from 'winston';
import { UserError } from '../errors.js';
import { colorWanted } from '../terminal.js';
import { createLogger, type LogLevel } from './logger.js';

export { closeLogger, createLogger } from './logger.js';
export { redactor, Redactor, REDACTED } from './redact.js';

/**
 * The command's logger: --log-level/--log-file win over --quiet (errors only), which wins over the config's `log`
 * section; human lines only on a TTY, coloured unless --no-color or NO_COLOR says otherwise.
 */
export function commandLogger(
  options: { logLevel?: LogLevel; logFile?: string; quiet?: boolean; color?: boolean },
  context: { stderr: NodeJS.WritableStream; isTTY: boolean; env?: NodeJS.ProcessEnv },
  fromConfig: { level?: LogLevel; file?: string } = {},
  stream: NodeJS.WritableStream = context.stderr,
): Logger {
  const file = options.logFile ?? fromConfig.file;
  return createLogger({
    level: options.logLevel ?? (options.quiet ? 'error' : undefined) ?? fromConfig.level ?? 'info',
    ...(file === '-' ? { fileStream: process.stdout } : { file: file && appendableLogFile(file) }),
    human: context.isTTY,
    color: context.isTTY && colorWanted(context.stderr, context.env ?? {}, options),
    stream,
  });
}

/**
 * The log file is appended to, never renamed, so a symlink, a FIFO or a character device is safe as it is; what cannot
 * take appended lines (a directory, a socket, a block device) is refused before the command does anything.
 */
export function appendableLogFile(path: string): string {
  const found = statSync(path, { throwIfNoEntry: false });
  if (!found || found.isFile() || found.isFIFO() || found.isCharacterDevice()) return path;
  const what = found.isDirectory() ? 'a directory' : found.isSocket() ? 'a socket' : 'a block device';
  throw new UserError(`--log-file: ${path} is ${what}; give a regular file, a FIFO, a character device or - (stdout)`);
}
