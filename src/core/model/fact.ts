import { z } from 'zod';

/**
 * A fact that could not be read. Unknown is never the same as false: rules that meet it answer "unknown"
 * and quote the reason.
 */
export const UnknownFact = z.object({ unknown: z.literal(true), reason: z.string().min(1) }).strict();
export type UnknownFact = z.infer<typeof UnknownFact>;

/** `T`, or `{ unknown: true, reason }` when the connector could not read it. */
export function fact<T extends z.ZodType>(schema: T) {
  return z.union([UnknownFact, schema]);
}

/** A fact holding one strict object. */
export function factObject<S extends z.ZodRawShape>(shape: S) {
  return fact(z.object(shape).strict());
}

/** A fact holding a list of strict objects. */
export function factList<S extends z.ZodRawShape>(shape: S) {
  return fact(z.array(z.object(shape).strict()));
}

export type Fact<T> = T | UnknownFact;

export function unknown(reason: string): UnknownFact {
  return { unknown: true, reason };
}

export function isUnknown(value: unknown): value is UnknownFact {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

export function isKnown<T>(value: Fact<T>): value is T {
  return !isUnknown(value);
}

/** Tri-state boolean: true | false | unknown-with-reason. */
export const TriState = fact(z.boolean());
export type TriState = z.infer<typeof TriState>;

export const FactString = fact(z.string());
export const FactNumber = fact(z.number());

/**
 * The one way to let a field be absent: the platform, its version or the situation has no such thing at all (never "it
 * could not be read": that is a fact with a reason). `why` is kept in the schema's metadata (`absentWhen`), so the
 * published JSON Schema says it and the model audit test (test/core/model-optional.test.ts) finds an `.optional()`
 * without it.
 */
export function absentWhen<T extends z.ZodType>(why: string, schema: T) {
  return schema.meta({ absentWhen: why }).optional();
}
