import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Bytes read from the file at a time. */
const CHUNK_BYTES = 64 * 1024;

export type JsonMember =
  { kind: 'member'; key: string; value: unknown } | { kind: 'element'; key: string; value: unknown };

/** How much text a read held at once: the largest single member value or array element, in characters. */
export interface HeldText {
  largest: number;
}

type State = 'root' | 'between' | 'key' | 'colon' | 'value-start' | 'value' | 'elements' | 'element' | 'done';

/**
 * Reads a JSON document whose root is an object from a file, member by member, without its whole text: each
 * top-level member's value is parsed on its own, and the array under `arrayKey` element by element (a report's
 * hosts), so at most one value's text is held at a time (`held.largest` says how much). Throws naming the file when
 * the text is not such a document.
 */
export function* jsonMembers(path: string, arrayKey: string, held: HeldText = { largest: 0 }): Generator<JsonMember> {
  const fd = openSync(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const bytes = Buffer.allocUnsafe(CHUNK_BYTES);
    let state: State = 'root';
    let depth = 0;
    let inString = false;
    let escaped = false;
    let key = '';
    let text = '';
    const bad = (why: string) => new Error(`${path}: not a JSON object as expected (${why})`);
    const take = (): string => {
      const out = text;
      held.largest = Math.max(held.largest, out.length);
      text = '';
      return out;
    };
    const parse = (what: string, json: string): unknown => {
      try {
        return JSON.parse(json);
      } catch (err) {
        throw bad(`${what}: ${(err as Error).message}`);
      }
    };
    for (let n = readSync(fd, bytes, 0, CHUNK_BYTES, null); ; n = readSync(fd, bytes, 0, CHUNK_BYTES, null)) {
      const chunk = n > 0 ? decoder.write(bytes.subarray(0, n)) : decoder.end();
      // Where the text being collected starts in this chunk (-1: nothing collected).
      let from: number = state === 'key' || state === 'value' || state === 'element' ? 0 : -1;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') {
            inString = false;
            if (state === 'key') {
              text += chunk.slice(from, i + 1);
              from = -1;
              key = parse('a member name', take()) as string;
              state = 'colon';
            }
          }
          continue;
        }
        const blank = c === ' ' || c === '\n' || c === '\r' || c === '\t';
        switch (state) {
          case 'root':
            if (c === '{') [state, depth] = ['between', 1];
            else if (!blank) throw bad('the document does not start with {');
            break;
          case 'between':
            if (c === '"') [state, inString, from] = ['key', true, i];
            else if (c === '}') [state, depth] = ['done', 0];
            else if (!blank && c !== ',') throw bad(`unexpected ${JSON.stringify(c)} between members`);
            break;
          case 'colon':
            if (c === ':') state = 'value-start';
            else if (!blank) throw bad(`no : after "${key}"`);
            break;
          case 'value-start':
          case 'elements':
            if (blank || (state === 'elements' && c === ',')) break;
            if (state === 'value-start' && key === arrayKey && c === '[') [state, depth] = ['elements', 2];
            else if (state === 'elements' && c === ']') [state, depth] = ['between', 1];
            else {
              state = state === 'value-start' ? 'value' : 'element';
              from = i;
              i--;
            }
            break;
          case 'value':
          case 'element': {
            const base = state === 'value' ? 1 : 2;
            if (c === '"') inString = true;
            else if (c === '{' || c === '[') depth++;
            else if ((c === '}' || c === ']') && depth > base) depth--;
            else if (depth === base && (c === ',' || c === '}' || c === ']')) {
              text += chunk.slice(from, i);
              from = -1;
              const value = parse(state === 'value' ? `the value of "${key}"` : `an element of "${key}"`, take());
              yield { kind: state === 'value' ? 'member' : 'element', key, value };
              if (state === 'value') [state, depth] = c === '}' ? ['done', 0] : ['between', 1];
              else [state, depth] = c === ']' ? ['between', 1] : ['elements', 2];
            }
            break;
          }
          case 'done':
            if (!blank) throw bad('text after the document');
            break;
          default:
            break;
        }
      }
      if (from >= 0) text += chunk.slice(from);
      if (n === 0) break;
    }
    if (state !== 'done') throw bad('the document ends early');
  } finally {
    closeSync(fd);
  }
}
