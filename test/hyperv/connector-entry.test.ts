import { describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import { hypervConnector } from '../../connectors/hyperv/index.js';
import type { Target } from '../../src/core/config/schema.js';
import { sshContext } from './ssh-context.js';

describe('hypervConnector entry', () => {
  it('refuses a target of another platform with a config error naming it, before any transport is loaded', async () => {
    const target: Target = { name: 'esx01', host: '127.0.0.1', username: 'root', platform: 'esxi' };
    const err = await hypervConnector.collect(target, sshContext({ username: 'root' })).then(
      () => expect.fail('expected a CollectError'),
      (e: unknown) => e as CollectError,
    );
    expect(err).toBeInstanceOf(CollectError);
    expect(err).toMatchObject({
      step: 'config',
      message: 'esx01: the hyperv connector cannot collect a target of platform "esxi"',
    });
  });
});
