import { expect, it } from 'vitest';
import { benchCollector } from '../../bench/hyperv-collector.js';
import { describeWithPwsh } from '../hyperv/pwsh/locate.js';

/** The Hyper-V collector benchmark on 20 VMs so it cannot rot: every figure is produced; no timing is asserted. */
describeWithPwsh('Hyper-V collector benchmark (20 VMs)', { timeout: 120_000 }, (pwsh) => {
  it('counts every mocked call and loses no section', async () => {
    const r = await benchCollector(20, '1,0', pwsh);
    expect(r).toMatchObject({ vms: 20, vmsCollected: 20, sectionsLost: [] });
    expect(r.calls).toMatchObject({ 'Get-VM': 1, 'Get-VMProcessor': 1, 'Get-WindowsFeature': 1 });
    expect(r.totalCalls).toBe(Object.values(r.calls).reduce((a, b) => a + b, 0));
    expect(r.wallMs).toBeGreaterThan(0);
  });
});
