import { esxiConnector } from '../../connectors/esxi/index.js';
import type { VsphereTarget } from '../../src/core/config/schema.js';
import { describeConnectorContract } from '../connectors/contract.js';
import { buildVcsim, startVcsim, type Vcsim } from '../vcsim/harness.js';
import { vsphereTarget } from './context.js';

// The contract's setup hook has the default timeout; a cold simulator build happens here, at collection time.
await buildVcsim();
let sim: Vcsim | undefined;

describeConnectorContract<VsphereTarget>('esxi', async () => {
  sim = await startVcsim({ mode: 'esx', password: 'contract-secret-4711' });
  const running = sim;
  return {
    connector: esxiConnector,
    targetAt: (port) => vsphereTarget({ host: '127.0.0.1', port, tls: { insecure: true } }),
    credentials: { username: 'root', password: 'contract-secret-4711' },
    reachable: () => vsphereTarget({ host: running.host, port: running.port, tls: { fingerprint: running.sha256 } }),
    teardown: () => running.close(),
  };
});
