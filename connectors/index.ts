import type { Target } from '../src/core/config/schema.js';
import { CollectError } from '../src/core/connector/errors.js';
import type { Connector } from '../src/core/connector/types.js';

/**
 * Connector modules by platform, loaded on first use so a scan of Hyper-V hosts never loads the vSphere client and
 * the other way round. The paths are data so this registry compiles on its own.
 */
const CONNECTOR_MODULES = {
  esxi: { path: './esxi/index.js', exportName: 'esxiConnector' },
  hyperv: { path: './hyperv/index.js', exportName: 'hypervConnector' },
} as const;

export async function connectorFor(target: Target): Promise<Connector> {
  const entry = target.platform === 'hyperv' ? CONNECTOR_MODULES.hyperv : CONNECTOR_MODULES.esxi;
  let module: Record<string, unknown>;
  try {
    module = (await import(entry.path)) as Record<string, unknown>;
  } catch (err) {
    throw new CollectError(
      'config',
      `no connector for platform ${target.platform}: cannot load ${entry.path} (${(err as Error).message})`,
      { cause: err },
    );
  }
  const connector = module[entry.exportName] as Connector | undefined;
  if (!connector || typeof connector.collect !== 'function') {
    throw new CollectError(
      'config',
      `no connector for platform ${target.platform}: ${entry.path} exports no ${entry.exportName}`,
    );
  }
  return connector;
}
