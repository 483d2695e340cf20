import type { Logger } from 'winston';
import { createLogger, type LogLevel } from './logger.js';

export { closeLogger, createLogger } from './logger.js';
export { redactor, Redactor, REDACTED } from './redact.js';

/** The command's logger: --log-level/--log-file win over the config's `log` section; human lines only on a TTY. */
export function commandLogger(
  options: { logLevel?: unknown; logFile?: unknown },
  context: { stderr: NodeJS.WritableStream; isTTY: boolean },
  fromConfig: { level?: LogLevel; file?: string } = {},
): Logger {
  return createLogger({
    level: (options.logLevel as LogLevel | undefined) ?? fromConfig.level ?? 'info',
    file: (options.logFile as string | undefined) ?? fromConfig.file,
    human: context.isTTY,
    stream: context.stderr,
  });
}
