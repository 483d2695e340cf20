import type { z } from 'zod';
import type { FootprintMeasure } from './common.js';
import { unknown } from './fact.js';

export type FootprintKey = 'hypervisorCode' | 'trustedComputingBase' | 'managementSurface';
export type Measure = z.infer<typeof FootprintMeasure>;
export type CountedImage = Measure['counted'][number];

/** The three measures, defined once for both platforms (docs/footprint.md gives the sources and per-platform lists). */
export const FOOTPRINT_DEFINITIONS: Record<FootprintKey, string> = {
  hypervisorCode: "Hypervisor code: on-disk bytes of the distinct code images that run at the hypervisor's privilege.",
  trustedComputingBase:
    'Trusted computing base: on-disk bytes of the distinct code images of the hypervisor plus everything with control over every VM (the kernel that hosts the VM management stack, its drivers or modules, and the VM management services and worker processes).',
  managementSurface:
    'Exposed management surface: on-disk bytes of the distinct code images of the services that listen on a network (non-loopback) address.',
};

/** Labels for reports, in display order (`short` where space is tight: chart bars). */
export const FOOTPRINT_MEASURES: ReadonlyArray<{ key: FootprintKey; subject: string; label: string; short: string }> = [
  { key: 'hypervisorCode', subject: 'hypervisor-code', label: 'Hypervisor code', short: 'hypervisor' },
  { key: 'trustedComputingBase', subject: 'trusted-computing-base', label: 'Trusted computing base', short: 'TCB' },
  { key: 'managementSurface', subject: 'management-surface', label: 'Exposed management surface', short: 'surface' },
];

/** "1 image", "3 images". */
export function imageCount(n: number): string {
  return `${n} image${n === 1 ? '' : 's'}`;
}

/**
 * One measure from its images, the same way on both platforms: each image (the caller passes distinct ones) adds its
 * size; an image without a readable size is listed but adds nothing, so the total is then a lower bound (see
 * `unsizedImages`); with no size at all the bytes are unknown.
 */
export function footprintMeasure(
  counted: CountedImage[],
  approximation?: string,
  leftOut?: Measure['leftOut'],
): Measure {
  const sized = counted.filter((c) => typeof c.bytes === 'number');
  const bytes =
    sized.length > 0
      ? sized.reduce((total, c) => total + (c.bytes ?? 0), 0)
      : unknown(
          counted.length === 0
            ? 'no image was counted'
            : `no size this platform reports for ${counted.length === 1 ? 'the one image' : `any of the ${counted.length} images`}`,
        );
  return { bytes, counted, ...(approximation ? { approximation } : {}), ...(leftOut?.length ? { leftOut } : {}) };
}

/** Images listed without a size: a known total is then a lower bound. */
export function unsizedImages(measure: Measure): number {
  return measure.counted.filter((c) => typeof c.bytes !== 'number').length;
}

/** Keeps the first image of each name; `fold` makes names case-insensitive (Windows paths). */
export function distinctImages(images: CountedImage[], fold: boolean): CountedImage[] {
  const seen = new Set<string>();
  return images.filter((i) => {
    const key = fold ? i.item.toLowerCase() : i.item;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
