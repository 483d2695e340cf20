import { describe, expect, it } from 'vitest';
import { hypervFactsFromOutput } from '../../connectors/hyperv/facts/facts.js';
import { fixture, META, output, type Doc } from './fixtures.js';

/**
 * A host can send anything. Whatever single value in a document is replaced by a value of another type, the parser
 * yields valid host facts (the affected section unknown and reported), never a crash or a lost host.
 */
type Path = (string | number)[];

function leaves(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  else out.push(path);
  return out;
}

function replaced(doc: Doc, path: Path, value: unknown): Doc {
  const copy = structuredClone(doc);
  let node: Doc = copy;
  for (const key of path.slice(0, -1)) node = node[key as string];
  node[path.at(-1) as string] = value;
  return copy;
}

/** One path per field: array positions after the first element of the same list add nothing new. */
function distinctFields(paths: Path[]): Path[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = p.map((k) => (typeof k === 'number' ? '#' : k)).join('.');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const HOSTILE_VALUES: unknown[] = [-1.5, 'x', {}];

describe('every value of the wrong type', () => {
  for (const name of ['ws2022-hardened', 'ws2012r2-ps4-quirks']) {
    it(`${name}: still maps to valid host facts`, { timeout: 60_000 }, () => {
      const doc = fixture(name);
      const paths = distinctFields(leaves(doc).filter((p) => p[0] !== 'schemaVersion'));
      expect(paths.length).toBeGreaterThan(200);
      const failures: string[] = [];
      for (const path of paths) {
        for (const value of HOSTILE_VALUES) {
          try {
            // hypervFactsFromOutput validates its result against HostFacts and throws when it is invalid.
            hypervFactsFromOutput(output(JSON.stringify(replaced(doc, path, value))), META);
          } catch (err) {
            failures.push(`${path.join('.')} = ${JSON.stringify(value)}: ${(err as Error).message.slice(0, 160)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
