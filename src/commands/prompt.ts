import { createInterface } from 'node:readline';
import { UserError } from '../core/errors.js';

export interface Prompter {
  question(text: string): Promise<string>;
  close(): void;
}

/**
 * Questions on the terminal. Answers typed ahead (or pasted) are queued rather than lost between questions, and input
 * that ends before every question is answered (Ctrl+D) is a usage error.
 */
export function prompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const rl = createInterface({ input, output });
  const typed: string[] = [];
  const waiting: Array<(line: string | undefined) => void> = [];
  let closed = false;
  rl.on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : typed.push(line)));
  rl.on('close', () => {
    closed = true;
    for (const resolve of waiting.splice(0)) resolve(undefined);
  });
  return {
    async question(text) {
      output.write(text);
      const line =
        typed.length > 0
          ? typed.shift()
          : closed
            ? undefined
            : await new Promise<string | undefined>((resolve) => waiting.push(resolve));
      if (line === undefined)
        throw new UserError('the input ended before every question was answered; nothing written');
      return line;
    },
    close: () => rl.close(),
  };
}
