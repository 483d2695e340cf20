/**
 * A JSON.parse failure as "line L, column C: reason", without the excerpt of the text V8 puts in some messages
 * (`Unexpected token 'h', ..."assword": hunter2"...`): a config may hold a secret typed where it does not belong.
 */
export function jsonSyntaxProblem(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const reason = message.replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '').replace(/(?: in JSON)? at position \d+[\s\S]*$/, '');
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return reason;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${reason}`;
}
