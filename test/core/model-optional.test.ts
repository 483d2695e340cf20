import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HostFacts } from '../../src/core/model/index.js';

/**
 * Every place in the host model where a field may be absent, with the reason its schema records (absentWhen), or
 * undefined when there is none. A value that may be unreadable is a fact with a reason, never an optional field.
 */
function optionalFields(
  schema: z.ZodType,
  path: string,
  seen = new Set<z.ZodType>(),
): Array<{ path: string; why: unknown }> {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const walk = (child: unknown, at: string) => optionalFields(child as z.ZodType, at, seen);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, field]) =>
        walk(field, `${path}.${key}`),
      );
    case 'optional': {
      const inner = def.innerType as z.ZodType;
      return [{ path, why: inner.meta()?.absentWhen }, ...walk(inner, path)];
    }
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => walk(option, path));
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'record':
      return walk(def.valueType, `${path}{}`);
    case 'nullable':
      return walk(def.innerType, path);
    default:
      return [];
  }
}

const fields = optionalFields(HostFacts, 'facts');

describe('the host model says unknown one way', () => {
  it('finds the optional fields it audits (the walk reaches into facts, lists and both platforms)', () => {
    const paths = fields.map((f) => f.path);
    expect(paths).toContain('facts.identity.managedBy');
    expect(paths).toContain('facts.exposure.network.vmknics[].ip');
    expect(paths).toContain('facts.vms.items[].powerState');
    expect(paths).toContain('facts.hyperv.defender.statusError');
  });

  it('every .optional() says why the field may be absent (absentWhen), and the published JSON Schema carries it', () => {
    const unexplained = fields.filter((f) => typeof f.why !== 'string' || f.why.length === 0).map((f) => f.path);
    expect(unexplained).toEqual([]);
    const published = JSON.stringify(z.toJSONSchema(HostFacts, { io: 'output', reused: 'ref' }));
    for (const { why } of fields)
      if (typeof why === 'string') expect(published).toContain(`"absentWhen":${JSON.stringify(why)}`);
  });
});
