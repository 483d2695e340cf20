import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { UserError } from '../core/errors.js';

/** Bytes read from the file at a time. */
const CHUNK_BYTES = 64 * 1024;

/** Where an element's text lies in the file, in bytes, so it can be read again on its own (`jsonAt`). */
export interface ByteRange {
  offset: number;
  length: number;
}

export type JsonMember =
  { kind: 'member'; key: string; value: unknown } | { kind: 'element'; key: string; value: unknown; at: ByteRange };

/** How much text a read held at once: the largest single member value or array element, in characters. */
export interface HeldText {
  largest: number;
}

type State = 'root' | 'between' | 'key' | 'colon' | 'value-start' | 'value' | 'elements' | 'element' | 'done';

const notJson = (path: string, why: string) => new UserError(`${path}: not a JSON object as expected (${why})`);

function open(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (err) {
    throw new UserError(`${path}: cannot read JSON (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

function parseIn(path: string, what: string, json: string): unknown {
  try {
    return JSON.parse(json);
  } catch (err) {
    throw notJson(path, `${what}: ${(err as Error).message}`);
  }
}

/**
 * Reads a JSON document whose root is an object from a file, member by member, without its whole text: each
 * top-level member's value is parsed on its own, and the array under `arrayKey` element by element (a report's
 * hosts), so at most one value's text is held at a time (`held.largest` says how much). Each element says where it
 * lies in the file. Throws naming the file when it cannot be read or its text is not such a document.
 */
export function* jsonMembers(path: string, arrayKey: string, held: HeldText = { largest: 0 }): Generator<JsonMember> {
  const fd = open(path);
  try {
    const decoder = new StringDecoder('utf8');
    const bytes = Buffer.allocUnsafe(CHUNK_BYTES);
    let state: State = 'root';
    let depth = 0;
    let inString = false;
    let escaped = false;
    let key = '';
    let text = '';
    // Byte offsets: the bytes before this chunk's text, and a point in the chunk whose offset is known.
    let chunkOffset = 0;
    let [markIndex, markOffset] = [0, 0];
    let elementOffset = 0;
    const bad = (why: string) => notJson(path, why);
    const take = (): string => {
      const out = text;
      held.largest = Math.max(held.largest, out.length);
      text = '';
      return out;
    };
    const parse = (what: string, json: string): unknown => parseIn(path, what, json);
    for (let n = readSync(fd, bytes, 0, CHUNK_BYTES, null); ; n = readSync(fd, bytes, 0, CHUNK_BYTES, null)) {
      const chunk = n > 0 ? decoder.write(bytes.subarray(0, n)) : decoder.end();
      // The decoded text stands for exactly the bytes it came from (the decoder holds back a split character).
      const offsetAt = (index: number): number => {
        markOffset += Buffer.byteLength(chunk.slice(markIndex, index));
        markIndex = index;
        return chunkOffset + markOffset;
      };
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
              if (state === 'elements') elementOffset = offsetAt(i);
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
              if (state === 'value') {
                yield { kind: 'member', key, value: parse(`the value of "${key}"`, take()) };
                [state, depth] = c === '}' ? ['done', 0] : ['between', 1];
              } else {
                const value = parse(`an element of "${key}"`, take());
                yield {
                  kind: 'element',
                  key,
                  value,
                  at: { offset: elementOffset, length: offsetAt(i) - elementOffset },
                };
                [state, depth] = c === ']' ? ['between', 1] : ['elements', 2];
              }
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
      chunkOffset = offsetAt(chunk.length);
      [markIndex, markOffset] = [0, 0];
      if (n === 0) break;
    }
    if (state !== 'done') throw bad('the document ends early');
  } finally {
    closeSync(fd);
  }
}

/** Reads one element again from where `jsonMembers` said it lies, holding only its text. */
export function jsonAt(path: string, at: ByteRange, held: HeldText = { largest: 0 }): unknown {
  const fd = open(path);
  try {
    const bytes = Buffer.allocUnsafe(at.length);
    for (let done = 0; done < at.length;) {
      const n = readSync(fd, bytes, done, at.length - done, at.offset + done);
      if (n === 0)
        throw notJson(path, `it ends before byte ${at.offset + at.length}: was it changed while being read?`);
      done += n;
    }
    const text = bytes.toString('utf8');
    held.largest = Math.max(held.largest, text.length);
    return parseIn(path, `the text at byte ${at.offset}`, text);
  } finally {
    closeSync(fd);
  }
}
