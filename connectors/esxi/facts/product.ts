import { unknown, type Fact } from '../../../src/core/model/fact.js';
import type { EsxiHostFacts } from '../../../src/core/model/host.js';
import type { BuildTable } from './catalog.js';
import { str, type VimObject } from '../vim25/value.js';

type Product = EsxiHostFacts['product'];

function known(value: string | undefined, reason: string): Fact<string> {
  return value !== undefined && value !== '' ? value : unknown(reason);
}

/**
 * Product facts from the host's `config.product` (for a standalone host `content.about` is the same AboutInfo and
 * fills gaps), with patch and release names from the build table. Builds are never compared across update lines.
 */
export function mapProduct(product: VimObject | undefined, about: VimObject | undefined, builds: BuildTable): Product {
  const field = (name: string) => str(product?.[name]) ?? str(about?.[name]);
  const missing = (name: string) => `config.product.${name} not reported by the host`;
  const version = field('version');
  const build = field('build');
  const entry = build ? builds.builds.find((b) => b.build === build) : undefined;
  const unlisted = build
    ? `build ${build} is not in data/esxi-builds.json (unknown or newer than the table)`
    : 'no build number reported';
  const line = version?.split('.').slice(0, 2).join('.');
  const support = line ? builds.lines.find((l) => l.line === line) : undefined;
  return {
    name: known(field('name'), missing('name')),
    version: known(version, missing('version')),
    build: known(build, missing('build')),
    patchLevel: entry ? entry.patch + (entry.unverified ? ' (unverified)' : '') : unknown(unlisted),
    releaseName: entry ? entry.release : unknown(unlisted),
    endOfSupport: support
      ? support.endOfGeneralSupport
      : unknown(line ? `no end-of-support date for ESXi ${line} in data/esxi-builds.json` : 'no version reported'),
    apiVersion: known(field('apiVersion'), missing('apiVersion')),
  };
}
