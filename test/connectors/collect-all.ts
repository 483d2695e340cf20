import type { CollectContext, Connector } from '../../src/core/connector/types.js';
import type { Target } from '../../src/core/config/schema.js';
import type { HostFacts } from '../../src/core/model/index.js';

/** The hosts a connector hands to `onHost`, in a list once it is done (connector tests look at them together). */
export async function collectAll<T extends Target>(
  connector: Connector<T>,
  target: T,
  context: CollectContext,
): Promise<HostFacts[]> {
  const hosts: HostFacts[] = [];
  await connector.collect(target, {
    ...context,
    onHost: (facts) => {
      context.onHost(facts);
      hosts.push(facts);
    },
  });
  return hosts;
}
