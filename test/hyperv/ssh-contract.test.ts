import { readFileSync } from 'node:fs';
import { hypervConnector } from '../../connectors/hyperv/index.js';
import type { HypervSshTarget } from '../../src/core/config/schema.js';
import { collectorResponder, startSshSimulator } from '../../src/lab/hyperv/ssh-server.js';
import { projectFile } from '../../src/core/paths.js';
import { describeConnectorContract } from '../connectors/contract.js';
import { sshTarget } from './ssh-context.js';

describeConnectorContract<HypervSshTarget>('hyperv over ssh', async () => {
  const password = 'contract-secret-4711';
  const profile: unknown = JSON.parse(readFileSync(projectFile('data/lab/hyperv/ws2022-risky.json'), 'utf8'));
  const sim = await startSshSimulator({ username: 'Administrator', password, respond: collectorResponder(profile) });
  return {
    connector: hypervConnector,
    // The contract's misbehaving servers have no SSH host key at all; any pin will do there.
    targetAt: (port) => sshTarget(port, 'Administrator', { ssh: { hostKeyFingerprint: sim.hostKeyFingerprint } }),
    credentials: { username: 'Administrator', password },
    reachable: () => sshTarget(sim.port, 'Administrator', { ssh: { hostKeyFingerprint: sim.hostKeyFingerprint } }),
    teardown: () => sim.close(),
  };
});
