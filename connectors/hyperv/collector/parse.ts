import { CollectError } from '../../../src/core/connector/errors.js';
import type { z } from 'zod';
import type { CollectionError as CollectionErrorSchema } from '../../../src/core/model/index.js';
import { decodeClixml, FRAME_END, FRAME_START } from './launch.js';
import { unwrapQuirks } from './coerce.js';
import { Envelope, SECTION_SCHEMAS, SECTIONS, type SectionName, type Sections } from './document.js';
import { parseHostJson } from '../../json.js';

/** What a transport hands back after running the collector. */
export interface CollectorOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A validated collector document: each section is its typed value, or absent with the reason in `issues`. */
export interface CollectorDocument {
  envelope: Envelope;
  sections: Partial<Sections>;
  /** Per-section failures: reported by the collector (step = section) or rejected here (step = parse). */
  issues: CollectionError[];
  timings: Record<string, number>;
  /** Sections the collector reported as failed, with its message (used for unknown reasons). */
  failed: Partial<Record<SectionName, string>>;
}

type CollectionError = z.infer<typeof CollectionErrorSchema>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function describeFailure(output: CollectorOutput): string {
  const stderr = decodeClixml(output.stderr);
  const stdout = output.stdout.trim();
  const parts = [`exit code ${output.exitCode}`];
  if (stderr) parts.push(`stderr: ${stderr.slice(0, 2000)}`);
  if (stdout) parts.push(`stdout began: ${JSON.stringify(stdout.slice(0, 200))}`);
  return parts.join('; ');
}

/** Finds the one framed line and returns the JSON text inside it. */
export function extractFrame(output: CollectorOutput): string {
  const start = output.stdout.indexOf(FRAME_START);
  if (start < 0) {
    throw new CollectError('collect', `the collector printed no output frame (${describeFailure(output)})`);
  }
  if (output.stdout.indexOf(FRAME_START, start + FRAME_START.length) >= 0) {
    throw new CollectError('parse', 'the collector output holds more than one frame');
  }
  const end = output.stdout.indexOf(FRAME_END, start);
  if (end < 0) {
    throw new CollectError(
      'parse',
      `the output frame is not terminated: output truncated? (${describeFailure(output)})`,
    );
  }
  const payload = output.stdout.slice(start + FRAME_START.length, end).replace(/\s+/g, '');
  if (payload.length % 4 !== 0 || !BASE64.test(payload)) {
    throw new CollectError('parse', `the output frame is not valid base64 (${payload.length} characters)`);
  }
  return Buffer.from(payload, 'base64').toString('utf8');
}

function zodMessage(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Collector output → validated document. Throws CollectError when there is no usable document at all
 * (no frame: step collect; broken frame, JSON or envelope: step parse); a bad section only becomes an issue.
 */
export function parseCollectorOutput(output: CollectorOutput): CollectorDocument {
  const text = extractFrame(output);
  let raw: unknown;
  try {
    raw = unwrapQuirks(parseHostJson(text));
  } catch (err) {
    throw new CollectError('parse', `the collector document is not valid JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) {
    throw new CollectError(
      'parse',
      `not a collector document (schemaVersion 1 envelope): ${zodMessage(envelope.error)}`,
    );
  }
  const record = raw as Record<string, unknown>;
  const issues: CollectionError[] = [];
  const failed: Partial<Record<SectionName, string>> = {};
  const sections: Partial<Sections> = {};
  const reported = envelope.data.errors;

  for (const [name, err] of Object.entries(reported)) {
    const message = err.message ?? 'failed without a message';
    issues.push({ step: name, section: name, message, ...(err.fqid ? { code: err.fqid } : {}) });
    if ((SECTIONS as string[]).includes(name)) failed[name as SectionName] = message;
  }
  for (const name of SECTIONS) {
    if (failed[name] !== undefined) continue;
    if (!(name in record) || record[name] === null) {
      failed[name] = 'the collector did not produce this section';
      issues.push({ step: 'parse', section: name, message: `section ${name} is missing from the collector document` });
      continue;
    }
    const result = SECTION_SCHEMAS[name].safeParse(record[name]);
    if (result.success) {
      (sections as Record<string, unknown>)[name] = result.data;
    } else {
      const message = `section ${name} has unexpected types: ${zodMessage(result.error)}`;
      failed[name] = message;
      issues.push({ step: 'parse', section: name, message });
    }
  }
  for (const [section, labels] of Object.entries(envelope.data.readErrors)) {
    for (const message of Object.values(labels)) issues.push({ step: 'collect', section, message });
  }
  if (output.exitCode !== 0) {
    issues.push({ step: 'collect', message: `powershell.exe exited with ${output.exitCode} after printing its frame` });
  }
  return { envelope: envelope.data, sections, issues, timings: envelope.data.timingsMs, failed };
}
