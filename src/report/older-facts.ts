import type { z } from 'zod';
import { HostFacts, unknown } from '../core/model/index.js';

const NOT_RECORDED = 'not in this report: an older hvscan wrote it, before this fact was collected in this form';
/** Each repair either removes a key or turns a path (or, failing that, its parent) into an unknown fact. */
const MAX_REPAIRS = 500;

type Json = Record<string, unknown>;

/**
 * Values older hvscan versions wrote in place of one they could not read. They fit today's model, so the repair
 * below would keep them as read: each becomes unknown saying what the older version meant.
 */
const OLDER_PLACEHOLDERS: ReadonlyArray<{ path: readonly string[]; value: unknown; meant: string }> = [
  {
    path: ['hyperv', 'role', 'vmms', 'startMode'],
    value: 'unknown',
    meant: 'Win32_Service gave no StartMode for vmms',
  },
  { path: ['hyperv', 'hypervisorBinary', 'version'], value: '', meant: 'the hypervisor image had no file version' },
];

/**
 * Fields today's model leaves out only on older Windows builds: missing from an older report of a later build, they
 * were not recorded, not absent by version.
 */
const ABSENT_ONLY_BEFORE_BUILD: ReadonlyArray<{ path: readonly string[]; build: number }> = [
  { path: ['hyperv', 'deviceGuard', 'codeIntegrityPolicyEnforcement'], build: 14393 },
];

/**
 * Host facts from a report an older hvscan wrote, in today's model: a fact the older model did not have (or had in
 * another shape) becomes unknown with that reason, and a field today's model no longer has is dropped. Unknown is
 * never invented as known: nothing is converted between shapes. Null when the document cannot be made to fit.
 */
export function factsFromOlderReport(raw: unknown): HostFacts | null {
  if (raw === null || typeof raw !== 'object') return null;
  const doc = structuredClone(raw) as Json;
  for (const { path, value, meant } of OLDER_PLACEHOLDERS) {
    const parent = at(doc, path.slice(0, -1));
    if (parent !== null && typeof parent === 'object' && (parent as Json)[path.at(-1)!] === value)
      (parent as Json)[path.at(-1)!] = unknown(`an older hvscan wrote ${JSON.stringify(value)} here: ${meant}`);
  }
  const build = at(doc, ['hyperv', 'os', 'build']);
  for (const { path, build: since } of ABSENT_ONLY_BEFORE_BUILD) {
    const parent = at(doc, path.slice(0, -1));
    if (typeof build !== 'number' || build < since || parent === null || typeof parent !== 'object') continue;
    if ('unknown' in parent || path.at(-1)! in parent) continue;
    (parent as Json)[path.at(-1)!] = unknown(NOT_RECORDED);
  }
  const tried = new Set<string>();
  for (let repairs = 0; repairs < MAX_REPAIRS;) {
    const parsed = HostFacts.safeParse(doc);
    if (parsed.success) return parsed.data;
    const before = repairs;
    for (const issue of parsed.error.issues.flatMap((i) => concreteIssues(i, []))) {
      const path = issue.path.map(String);
      if (issue.code === 'unrecognized_keys') {
        const parent = at(doc, path);
        // Under a part an earlier issue of this pass already made unknown: nothing is left to drop there.
        if (parent === null || typeof parent !== 'object') continue;
        for (const key of issue.keys) delete (parent as Json)[key];
        repairs++;
        continue;
      }
      // The deepest path not tried yet: a plain field that cannot hold an unknown moves the repair to its parent.
      for (let depth = path.length; depth > 0; depth--) {
        const key = path.slice(0, depth).join('.');
        if (tried.has(key)) continue;
        const parent = at(doc, path.slice(0, depth - 1));
        // Likewise for an issue under such a part.
        if (parent === null || typeof parent !== 'object') break;
        tried.add(key);
        (parent as Json)[path[depth - 1]!] = unknown(NOT_RECORDED);
        repairs++;
        break;
      }
    }
    if (repairs === before) return null;
  }
  return null;
}

function at(doc: Json, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

type Issue = z.core.$ZodIssue;

/**
 * A fact that fails is one union (a value or an unknown) and zod reports it once, at the fact, with each branch's issues
 * beneath. The branch that is not the unknown one says what is wrong inside, so the repair reaches the one missing
 * field (a port group's VM count) instead of turning the whole fact (the network) unknown.
 */
function concreteIssues(issue: Issue, at: PropertyKey[]): Issue[] {
  const path = [...at, ...issue.path];
  if (issue.code !== 'invalid_union') return [{ ...issue, path }];
  const valueBranches = issue.errors.filter(
    (branch) => !branch.some((i) => i.path.length === 1 && i.path[0] === 'unknown'),
  );
  const inside = valueBranches.filter((branch) =>
    branch.some((i) => i.path.length > 0 || i.code === 'invalid_union' || i.code === 'unrecognized_keys'),
  );
  if (inside.length === 0) return [{ ...issue, path }];
  const nearest = inside.reduce((best, branch) => (branch.length < best.length ? branch : best));
  return nearest.flatMap((i) => concreteIssues(i, path));
}
