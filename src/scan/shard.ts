import { createHash } from 'node:crypto';

/** One machine's share of a run: shard `index` of `count` (1-based, as `--shard 2/3` reads). */
export interface Shard {
  index: number;
  count: number;
}

export const SHARD_LIMIT = 10_000;

/** The shard `i/n` names, when 1 <= i <= n <= SHARD_LIMIT; else undefined. */
export function shardFrom(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  return match && count <= SHARD_LIMIT && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * The shard a target belongs to, by rendezvous hashing of its name: each target goes to the shard with the highest
 * hash of (name, shard). It depends on the name and the shard count only, so adding or removing a target moves no
 * other target, and going from n to n+1 shards moves about 1/(n+1) of them (plain `hash mod n` would move most).
 */
export function shardOf(name: string, count: number): number {
  let best = 1;
  let bestWeight = -1n;
  for (let shard = 1; shard <= count; shard++) {
    const weight = createHash('sha256').update(`${shard}\0${name}`).digest().readBigUInt64BE(0);
    if (weight > bestWeight) {
      best = shard;
      bestWeight = weight;
    }
  }
  return best;
}

export function inShard<T extends { name: string }>(targets: readonly T[], shard: Shard | undefined): T[] {
  return shard ? targets.filter((target) => shardOf(target.name, shard.count) === shard.index) : [...targets];
}
