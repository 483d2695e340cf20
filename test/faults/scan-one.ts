import { connectorFor } from '../../connectors/index.js';
import type { Credentials } from '../../src/core/connector/types.js';
import type { Target } from '../../src/core/config/schema.js';
import type { CollectedHost } from '../../src/core/report/collected.js';
import { runScan } from '../../src/scan/engine.js';
import { memoryLogger } from '../core/helpers.js';

/** One target through the real scan engine and connector, with what it logged (the fault suites' one scan). */
export async function scanOneTarget(
  target: Target,
  credentials: Credentials,
  timeoutSeconds: number,
): Promise<{ host: CollectedHost; logged: string }> {
  const { logger, redactor, lines } = memoryLogger('info');
  const result = await runScan({
    targets: [target],
    concurrency: 1,
    timeoutSeconds,
    retries: 0,
    connectorFor,
    credentialsFor: () => credentials,
    logger,
    redactor,
  });
  return { host: result.hosts[0]!, logged: lines.join('') };
}
