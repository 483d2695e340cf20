import winston from 'winston';
import { escapeControlsInPlace } from './host-text.js';
import { redactor, type Redactor } from './redact.js';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level?: LogLevel;
  /** Human lines (a TTY) or JSON lines (pipes, CI, log collectors). */
  human?: boolean;
  /** Coloured level names in human lines. */
  color?: boolean;
  /** Also append JSON lines to this file. */
  file?: string;
  /** Or write those JSON lines to this stream (`--log-file -`). */
  fileStream?: NodeJS.WritableStream;
  /** Where console lines go; stderr by default so stdout stays for command output. */
  stream?: NodeJS.WritableStream;
  redact?: Redactor;
}

/** Longest string in a log entry: a host's 20 MB stderr makes a line of at most this, with its length said. */
const MAX_LOGGED_CHARS = 16 * 1024;

/**
 * Runs first in every pipeline: secrets never reach a transport, and host text reaches them capped and with its control
 * characters escaped (a human log line goes to the terminal).
 */
function redactFormat(redact: Redactor): winston.Logform.Format {
  return winston.format((info) => {
    const clean = escapeControlsInPlace(redact.value({ ...info }), MAX_LOGGED_CHARS);
    for (const key of Object.keys(info)) delete (info as Record<string, unknown>)[key];
    return Object.assign(info, clean);
  })();
}

const humanFormat = winston.format.printf((info) => {
  const { level, message, timestamp, host, stack, ...rest } = info as Record<string, unknown>;
  const extra = Object.keys(rest).filter((k) => typeof k === 'string' && k !== 'splat');
  const detail = extra.length > 0 ? ` ${JSON.stringify(Object.fromEntries(extra.map((k) => [k, rest[k]])))}` : '';
  const where = host ? ` [${String(host)}]` : '';
  const trace = String(level).includes('debug') && stack ? `\n${String(stack)}` : '';
  return `${String(timestamp).slice(11, 19)} ${level}${where} ${String(message)}${detail}${trace}`;
});

export function createLogger(options: LoggerOptions = {}): winston.Logger {
  const redact = options.redact ?? redactor;
  const base = [winston.format.timestamp()];
  const console = new winston.transports.Stream({
    stream: options.stream ?? process.stderr,
    format: options.human
      ? winston.format.combine(...base, ...(options.color ? [winston.format.colorize()] : []), humanFormat)
      : winston.format.combine(...base, winston.format.json()),
  });
  const transports: winston.transport[] = [console];
  const jsonLines = winston.format.combine(...base, winston.format.json());
  if (options.file) transports.push(new winston.transports.File({ filename: options.file, format: jsonLines }));
  if (options.fileStream)
    transports.push(new winston.transports.Stream({ stream: options.fileStream, format: jsonLines }));
  // winston runs the logger's format on every entry and filters levels only in the transports: an entry no transport
  // will write is dropped first, so a scan's debug lines cost no redaction at level info or warn.
  let logger: winston.Logger | undefined;
  const enabled = winston.format((info) => (logger?.isLevelEnabled(info.level) === false ? false : info));
  // Errors are unpacked and secrets removed at the logger, before entries are copied to the transports
  // (an Error's message is not enumerable and would be lost on the way).
  const format = winston.format.combine(enabled(), winston.format.errors({ stack: true }), redactFormat(redact));
  logger = winston.createLogger({ level: options.level ?? 'info', format, transports });
  return logger;
}

/** Waits until every transport has written what it was given (before exit, before reading a log file in tests). */
export async function closeLogger(logger: winston.Logger): Promise<void> {
  const done = new Promise<void>((resolve) => logger.on('finish', () => resolve()));
  logger.end();
  await done;
}
