import type { z } from 'zod';

/** zod's internal definition, as far as this walk needs it (zod 4: schema._zod.def). */
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  entries?: Record<string, string>;
  values?: unknown[];
}
const def = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Past optional, default and pipe wrappers; a discriminated union resolved to the option the value selects. */
function resolve(schema: z.ZodType, value: unknown): Def | undefined {
  let d = def(schema);
  while (d.innerType || (d.type === 'pipe' && d.in)) d = def(d.innerType ?? d.in!);
  if (d.type !== 'union') return d;
  if (!d.discriminator || typeof value !== 'object' || value === null) return undefined;
  const wanted = (value as Record<string, unknown>)[d.discriminator];
  for (const option of d.options ?? []) {
    const resolved = resolve(option, value);
    const field = resolved?.shape?.[d.discriminator];
    if (!field) {
      if (resolved) return resolved;
      continue;
    }
    const f = resolve(field, wanted);
    if (f?.values?.includes(wanted) || (f?.entries && Object.values(f.entries).includes(wanted as string)))
      return resolved;
  }
  return undefined;
}

/**
 * The keys the schema allows for the object at `path` of the raw document (e.g. ['targets', 0, 'tls']), or undefined
 * when the path does not lead to an object schema (an unresolvable union, a record).
 */
export function knownKeysAt(schema: z.ZodType, raw: unknown, path: readonly PropertyKey[]): string[] | undefined {
  let current: Def | undefined = resolve(schema, raw);
  let value = raw;
  for (const key of path) {
    if (!current) return undefined;
    const next: z.ZodType | undefined =
      current.type === 'object' ? current.shape?.[String(key)] : current.type === 'array' ? current.element : undefined;
    if (!next) return undefined;
    value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
    current = resolve(next, value);
  }
  return current?.type === 'object' ? Object.keys(current.shape ?? {}) : undefined;
}
