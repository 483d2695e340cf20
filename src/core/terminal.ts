/** What a stream and the environment say about terminal output: interactive or not, colour or not. */

export function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/**
 * Colour only on a terminal, and never with --no-color (commander's `color: false`) or a non-empty NO_COLOR
 * (https://no-color.org: "when present and not an empty string").
 */
export function colorWanted(
  stream: NodeJS.WritableStream,
  env: NodeJS.ProcessEnv,
  options: { color?: boolean },
): boolean {
  if (options.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTerminal(stream);
}

/** Columns and rows of a terminal stream; the classic 80x24 when it does not say. */
export function terminalSize(stream: NodeJS.WritableStream): { columns: number; rows: number } {
  const s = stream as { columns?: number; rows?: number };
  return { columns: s.columns && s.columns > 0 ? s.columns : 80, rows: s.rows && s.rows > 0 ? s.rows : 24 };
}

/**
 * Host-supplied text made safe for one terminal cell: control characters (escape sequences, newlines) become spaces.
 * A local minimal version until the shared sanitizer lands.
 */
export function terminalText(value: unknown): string {
  return String(value ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
