import type { Logger } from 'winston';
import { colorWanted } from '../terminal.js';
import { createLogger, type LogLevel } from './logger.js';

export { closeLogger, createLogger } from './logger.js';
export { redactor, Redactor, REDACTED } from './redact.js';

/**
 * The command's logger: --log-level/--log-file win over --quiet (errors only), which wins over the config's `log`
 * section; human lines only on a TTY, coloured unless --no-color or NO_COLOR says otherwise.
 */
export function commandLogger(
  options: { logLevel?: unknown; logFile?: unknown; quiet?: unknown; color?: unknown },
  context: { stderr: NodeJS.WritableStream; isTTY: boolean; env?: NodeJS.ProcessEnv },
  fromConfig: { level?: LogLevel; file?: string } = {},
  stream: NodeJS.WritableStream = context.stderr,
): Logger {
  return createLogger({
    level: (options.logLevel as LogLevel | undefined) ?? (options.quiet ? 'error' : undefined) ?? fromConfig.level ?? 'info',
    file: (options.logFile as string | undefined) ?? fromConfig.file,
    human: context.isTTY,
    color: context.isTTY && colorWanted(context.stderr, context.env ?? {}, options),
    stream,
  });
}
