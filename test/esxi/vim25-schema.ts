import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareVersions } from '../../src/core/text/version.js';

/**
 * The vSphere API's type system as ../shared/reference/vim25-types.json holds it (govmomi's generated vim25 types and
 * mo package, made by VMware from the WSDL), and, where Debian's golang-github-vmware-govmomi-dev 0.24.2 is installed,
 * the same checks against its vim25/types/types.go. Checks: property paths segment by segment with their since-versions,
 * method parameters in WSDL order, data-object fields that a mapper reads.
 */
interface Field {
  type: string;
  array: boolean;
  since?: string;
}
interface TypeDef {
  bases?: string[];
  fields: Record<string, Field>;
}
interface Vim25Types {
  dataObjects: Record<string, TypeDef>;
  managedObjects: Record<string, TypeDef>;
  methods: Record<string, { params: string[] }>;
}

export const vim25 = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../shared/reference/vim25-types.json', import.meta.url)), 'utf8'),
) as Vim25Types;

/** The oldest API the connector supports: a segment newer than this needs a version gate. */
export const BASELINE = '6.7';

/** govmomi spells interface slots `BaseX` (BaseHostHostBusAdapter is a HostHostBusAdapter or a subtype). */
export function typeName(t: string): string {
  return !vim25.dataObjects[t] && t.startsWith('Base') && vim25.dataObjects[t.slice(4)] ? t.slice(4) : t;
}

function def(t: string): TypeDef | undefined {
  return vim25.dataObjects[t] ?? vim25.managedObjects[t];
}

/** A type's fields, its bases' included. */
export function fieldsOf(t: string): Record<string, Field> {
  const d = def(typeName(t));
  if (!d) return {};
  return Object.assign({}, ...(d.bases ?? []).map(fieldsOf), d.fields) as Record<string, Field>;
}

function isSubtype(t: string, base: string): boolean {
  if (t === base) return true;
  return (def(t)?.bases ?? []).some((b) => isSubtype(b, base));
}

/** A field on the type, or on one of its subtypes (a polymorphic slot whose element arrived without xsi:type). */
export function findField(t: string, name: string): Field | undefined {
  const own = fieldsOf(t)[name];
  if (own) return own;
  for (const sub of Object.keys(vim25.dataObjects))
    if (sub !== t && isSubtype(sub, typeName(t)) && vim25.dataObjects[sub]!.fields[name])
      return vim25.dataObjects[sub]!.fields[name];
  return undefined;
}

export interface PathCheck {
  problems: string[];
  /** The newest since-version among the path's segments (undefined: all in the baseline). */
  newest?: string;
  /** The leaf field. */
  leaf?: Field;
}

/** Walks `path` from managed object `root`: each segment must exist, and no segment but the last may be an array. */
export function walkPath(root: string, path: string): PathCheck {
  const problems: string[] = [];
  if (!vim25.managedObjects[root]) return { problems: [`${root} is not a managed object type`] };
  let type = root;
  let newest: string | undefined;
  let leaf: Field | undefined;
  const segments = path.split('.');
  for (const [i, seg] of segments.entries()) {
    const f = fieldsOf(type)[seg];
    if (!f) {
      problems.push(`${root}.${path}: ${typeName(type)} has no field "${seg}"`);
      return { problems };
    }
    if (f.since && compareVersions(f.since, BASELINE) > 0 && (!newest || compareVersions(f.since, newest) > 0))
      newest = f.since;
    if (f.array && i < segments.length - 1)
      problems.push(`${root}.${path}: "${seg}" is an array; property paths cannot go through arrays`);
    type = f.type;
    leaf = f;
  }
  return { problems, newest, leaf };
}

/** A requested path and its gate: every segment newer than 6.7 must be covered by a `since` at least that new. */
export function gateProblems(root: string, path: string, since: string | undefined): string[] {
  const { problems, newest } = walkPath(root, path);
  if (problems.length > 0) return problems;
  if (newest && (!since || compareVersions(since, newest) < 0))
    return [
      `${root}.${path} exists from API ${newest} but is requested ${since ? `from ${since}` : 'without a version check'}`,
    ];
  return [];
}

/** Keys sent must appear in the WSDL's parameter order (a subsequence of it; optional parameters may be left out). */
export function orderProblems(what: string, sent: string[], wsdl: string[]): string[] {
  let at = 0;
  for (const key of sent) {
    const i = wsdl.indexOf(key, at);
    if (i < 0)
      return [
        `${what}: "${key}" is ${wsdl.includes(key) ? 'out of WSDL order' : 'not a parameter'} (sent ${sent.join(', ')}; WSDL ${wsdl.join(', ')})`,
      ];
    at = i + 1;
  }
  return [];
}

/** Parameters of a vim25 method in WSDL order; the json spells method names as govmomi does (capitalised). */
export function methodParams(method: string): string[] | undefined {
  return vim25.methods[method[0]!.toUpperCase() + method.slice(1)]?.params;
}

// Debian's govmomi 0.24.2 (CI): Go structs keep WSDL field order, which the json's field maps do not.
export const GOVMOMI = '/usr/share/gocode/src/github.com/vmware/govmomi';
export const govmomiInstalled = existsSync(`${GOVMOMI}/vim25/types/types.go`);
let goTypes: Map<string, GoField[]> | undefined;
interface GoField {
  name: string;
  embedded?: string;
  goType: string;
}

function parseGo(files: string[], tag: 'xml' | 'mo', prefix: string, into: Map<string, GoField[]>): void {
  for (const file of files) {
    const text = readFileSync(`${GOVMOMI}/${file}`, 'utf8');
    for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
      const fields = m[2]!
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('//'))
        .map((l): GoField => {
          const name = new RegExp(`${tag}:"(?:urn:vim25 )?([^,"]+)`).exec(l)?.[1];
          const parts = l.split(/\s+/);
          return name
            ? {
                name,
                goType: (parts[1] ?? '')
                  .replace(/^types\./, '')
                  .replace(/^\*|^\[\]/g, '')
                  .replace(/^types\./, ''),
              }
            : { name: '', embedded: prefix + parts[0]!.replace(/^types\./, ''), goType: parts[0]! };
        });
      into.set(prefix + m[1]!, fields);
    }
  }
}

/**
 * Struct fields in declaration (WSDL) order: data objects and request types from vim25/types/types.go and
 * internal/types.go by name; managed objects from vim25/mo/mo.go as `mo.<Name>`.
 */
export function goStruct(name: string): GoField[] | undefined {
  if (!goTypes) {
    goTypes = new Map();
    parseGo(['vim25/types/types.go', 'internal/types.go'], 'xml', '', goTypes);
    parseGo(['vim25/mo/mo.go'], 'mo', 'mo.', goTypes);
  }
  return goTypes.get(name);
}

/** The Go type of a struct's field (embedded bases searched), `Base` interface prefix removed. */
export function goField(struct: string, name: string): string | undefined {
  for (const f of goStruct(struct) ?? []) {
    if (f.name === name)
      return f.goType
        .replace(/^\*|^\[\]/g, '')
        .replace(/^types\./, '')
        .replace(/^Base/, '');
    if (f.embedded) {
      const inner = goField(f.embedded, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A Go struct's XML field names in wire order, embedded bases first. */
export function goFieldOrder(name: string): string[] | undefined {
  const fields = goStruct(name);
  if (!fields) return undefined;
  return fields.flatMap((f) => (f.embedded ? (goFieldOrder(f.embedded) ?? []) : [f.name]));
}
