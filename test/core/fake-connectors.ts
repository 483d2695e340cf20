import net from 'node:net';
import { CollectError } from '../../src/core/connector/errors.js';
import type { CollectContext, Connector } from '../../src/core/connector/types.js';
import type { Target } from '../../src/core/config/schema.js';
import { HostFacts } from '../../src/core/model/index.js';

/**
 * A minimal real connector for core tests: connects over TCP, reads a JSON array of facts until the server closes,
 * and honours the abort signal by destroying its socket. It is the reference the connector contract is checked against.
 */
export const tcpJsonConnector: Connector = {
  id: 'tcp-json',
  collect(target: Target, context: CollectContext): Promise<void> {
    return new Promise((resolve, reject) => {
      if (context.signal.aborted)
        return reject(new CollectError('aborted', `${target.name}: aborted before connecting`));
      const socket = net.connect({ host: target.host, port: target.port ?? 0 });
      const chunks: Buffer[] = [];
      let connected = false;
      const onAbort = () => {
        socket.destroy();
        reject(new CollectError('aborted', `${target.name}: aborted`));
      };
      context.signal.addEventListener('abort', onAbort, { once: true });
      socket.on('connect', () => {
        connected = true;
        context.logger.debug(`connected to ${target.host}:${target.port}`);
      });
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', (err: NodeJS.ErrnoException) => {
        context.signal.removeEventListener('abort', onAbort);
        reject(
          new CollectError(connected ? 'collect' : 'connect', `${target.name}: ${err.code ?? err.message}`, {
            transient: err.code === 'ECONNRESET',
          }),
        );
      });
      socket.on('end', () => {
        context.signal.removeEventListener('abort', onAbort);
        let document: unknown;
        try {
          document = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return reject(new CollectError('parse', `${target.name}: the answer is not JSON`));
        }
        const parsed = HostFacts.array().safeParse(document);
        if (!parsed.success)
          return reject(new CollectError('parse', `${target.name}: the answer is not a list of host facts`));
        parsed.data.forEach(context.onHost);
        resolve();
      });
    });
  },
};

/**
 * A connector that behaves as `behave` says, handing on each entry of the list it resolves with (whatever they
 * are: the engine checks them); for engine isolation tests where no network is needed.
 */
export function scriptedConnector(behave: (target: Target, context: CollectContext) => Promise<unknown[]>): Connector {
  return {
    id: 'scripted',
    collect: async (target, context) => {
      for (const candidate of await behave(target, context)) context.onHost(candidate as HostFacts);
    },
  };
}

/** Resolves only when the signal fires; with `ignoreAbort`, never. */
export function hang(context: CollectContext, ignoreAbort = false): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (!ignoreAbort)
      context.signal.addEventListener('abort', () => reject(new CollectError('aborted', 'aborted')), { once: true });
  });
}
