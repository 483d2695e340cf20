import { describe, expect, it } from 'vitest';
import type { VimSession } from '../../connectors/esxi/vim25/session.js';
import { moRef } from '../../connectors/esxi/vim25/value.js';
import { hostContainerView } from '../../connectors/esxi/inventory/vcenter/discover.js';

describe('hostContainerView', () => {
  it('names the target when CreateContainerView answers without a view', async () => {
    const session = {
      ref: (name: string) => moRef(name, name),
      invoke: async () => undefined,
    } as unknown as VimSession;
    await expect(hostContainerView(session, 'vcenter target "vc" (127.0.0.1:8989)')).rejects.toMatchObject({
      step: 'parse',
      message: 'vcenter target "vc" (127.0.0.1:8989): CreateContainerView returned no view',
    });
  });
});
