import { readFileSync } from 'node:fs';
import { hypervFactsFromOutput, type CollectionMeta } from '../../connectors/hyperv/facts/facts.js';
import { frameDocument } from '../../connectors/hyperv/collector/launch.js';
import { isUnknown, type HypervHostFacts } from '../../src/core/model/index.js';
import { projectFile } from '../../src/core/paths.js';

/** Raw collector JSON, edited freely by tests. */
export type Doc = Record<string, any>;

/** A collector document fixture (test/fixtures/hyperv/) or lab profile (data/lab/hyperv/), as raw text. */
export function fixtureText(relative: string): string {
  return readFileSync(projectFile(relative), 'utf8');
}

export function fixture(name: string): Doc {
  return JSON.parse(fixtureText(`test/fixtures/hyperv/${name}.json`)) as Doc;
}

export const META: CollectionMeta = {
  name: 'hv-test',
  address: '192.0.2.10',
  protocol: 'ssh',
  serverTrust: 'known-hosts',
  startedAt: '2026-11-20T09:14:00.000Z',
  finishedAt: '2026-11-20T09:14:05.000Z',
};

/** What powershell.exe prints around the frame on a real host: a blank line before, CRLF after. */
export function output(json: string, extra: { stderr?: string; exitCode?: number } = {}) {
  return { stdout: `\r\n${frameDocument(json)}\r\n`, stderr: extra.stderr ?? '', exitCode: extra.exitCode ?? 0 };
}

export function factsFromText(json: string): HypervHostFacts {
  return hypervFactsFromOutput(output(json), META);
}

export function factsFrom(doc: Doc | string): HypervHostFacts {
  return factsFromText(typeof doc === 'string' ? fixtureText(`test/fixtures/hyperv/${doc}.json`) : JSON.stringify(doc));
}

/** The value of a fact the test expects to be known (fails the test with the reason otherwise). */
export function known<T>(value: T | { unknown: true; reason: string } | undefined): T {
  if (value === undefined) throw new Error('expected a fact, got nothing');
  if (isUnknown(value)) throw new Error(`expected a known fact, got unknown: ${value.reason}`);
  return value;
}

/** The reason of a fact the test expects to be unknown. */
export function reason(value: unknown): string {
  if (!isUnknown(value)) throw new Error(`expected an unknown fact, got ${JSON.stringify(value)}`);
  return value.reason;
}
