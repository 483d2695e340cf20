import type { HostFacts } from '../core/model/index.js';
import { isUnknown } from '../core/model/index.js';
import type { FactChange } from '../core/report/diff-schema.js';

type Flat = Map<string, unknown>;

/** Array items are keyed by their natural id so a reordered list is not drift. */
const ITEM_KEYS = ['key', 'name', 'device', 'mountPoint'] as const;

function itemKey(item: unknown, index: number): string {
  if (item && typeof item === 'object') {
    for (const k of ITEM_KEYS) {
      const v = (item as Record<string, unknown>)[k];
      if (typeof v === 'string') return v;
    }
    if ('port' in item)
      return `${String((item as { address?: unknown }).address ?? '')}:${String((item as { port: unknown }).port)}`;
  }
  return typeof item === 'string' || typeof item === 'number' ? String(item) : String(index);
}

/** Flattens a fact tree into path → leaf; unknown facts are leaves of their own ("unknown: reason"). */
function flatten(value: unknown, path: string, out: Flat): Flat {
  if (isUnknown(value)) {
    out.set(path, `unknown: ${value.reason}`);
  } else if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) out.set(path, [...value].map(String).sort());
    else value.forEach((item, i) => flatten(item, `${path}[${itemKey(item, i)}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function changedLeaves(before: unknown, after: unknown, root: string): Array<[string, unknown, unknown]> {
  const a = flatten(before, root, new Map());
  const b = flatten(after, root, new Map());
  const out: Array<[string, unknown, unknown]> = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (!same(a.get(path), b.get(path))) out.push([path, a.get(path), b.get(path)]);
  }
  return out.sort(([x], [y]) => x.localeCompare(y));
}

function listed<T>(fact: unknown): T[] | undefined {
  return Array.isArray(fact) ? (fact as T[]) : undefined;
}

function membership<T>(
  kind: FactChange['kind'],
  path: string,
  before: T[] | undefined,
  after: T[] | undefined,
  label: (item: T) => string,
): FactChange[] {
  // Unknown on either side is not drift: nothing was added or removed that we can tell.
  if (!before || !after) return [];
  const a = new Set(before.map(label));
  const b = new Set(after.map(label));
  const changes: FactChange[] = [];
  for (const item of b)
    if (!a.has(item)) changes.push({ path, kind, before: null, after: item, summary: `${kind} added: ${item}` });
  for (const item of a)
    if (!b.has(item)) changes.push({ path, kind, before: item, after: null, summary: `${kind} removed: ${item}` });
  return changes;
}

/** What changed on one host between two runs: build and patch level, code in and beside the hypervisor, services, exposure. */
export function hostDrift(before: HostFacts, after: HostFacts): FactChange[] {
  const changes: FactChange[] = [];
  for (const field of ['version', 'build', 'patchLevel'] as const) {
    const a = before.product[field];
    const b = after.product[field];
    if (!same(a, b)) {
      changes.push({
        path: `product.${field}`,
        kind: 'build',
        before: a,
        after: b,
        summary: `${field} changed: ${fmt(a)} → ${fmt(b)}`,
      });
    }
  }
  type Named = { name: string; version?: string };
  const withVersion = (d: Named) => (d.version ? `${d.name} ${d.version}` : d.name);
  changes.push(...membership<Named>('driver', 'drivers', listed(before.drivers), listed(after.drivers), withVersion));
  changes.push(...membership<Named>('agent', 'agents', listed(before.agents), listed(after.agents), withVersion));

  const servicesBefore = listed<{ name: string; running: unknown }>(before.services);
  const servicesAfter = listed<{ name: string; running: unknown }>(after.services);
  if (servicesBefore && servicesAfter) {
    changes.push(...membership('service', 'services', servicesBefore, servicesAfter, (s) => s.name));
    const was = new Map(servicesBefore.map((s) => [s.name, s.running]));
    for (const s of servicesAfter) {
      const prev = was.get(s.name);
      if (typeof prev === 'boolean' && typeof s.running === 'boolean' && prev !== s.running) {
        changes.push({
          path: `services[${s.name}].running`,
          kind: 'service',
          before: prev,
          after: s.running,
          summary: `service ${s.name} ${s.running ? 'started' : 'stopped'}`,
        });
      }
    }
  }
  const leafChanges = (kind: FactChange['kind'], a: unknown, b: unknown, root: string) => {
    for (const [path, x, y] of changedLeaves(a, b, root)) {
      changes.push({ path, kind, before: x ?? null, after: y ?? null, summary: `${path}: ${fmt(x)} → ${fmt(y)}` });
    }
  };
  leafChanges('exposure', before.exposure, after.exposure, 'exposure');
  if (before.platform === 'esxi' && after.platform === 'esxi') {
    leafChanges('setting', before.esxi.advancedOptions, after.esxi.advancedOptions, 'esxi.advancedOptions');
    leafChanges('setting', before.esxi.acceptanceLevel, after.esxi.acceptanceLevel, 'esxi.acceptanceLevel');
  }
  if (before.platform === 'hyperv' && after.platform === 'hyperv') {
    leafChanges('setting', before.hyperv.settings, after.hyperv.settings, 'hyperv.settings');
    leafChanges(
      'setting',
      before.hyperv.os.installationType,
      after.hyperv.os.installationType,
      'hyperv.os.installationType',
    );
  }
  return changes;
}

function fmt(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (isUnknown(v)) return `unknown (${v.reason})`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
