import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../src/core/model/index.js';
import { factsFrom, fixture } from './fixtures.js';

function known<T>(value: T | { unknown: true; reason: string }): T {
  if (isUnknown(value)) throw new Error(`expected a known fact, got unknown: ${value.reason}`);
  return value;
}

function reason(value: unknown): string {
  if (!isUnknown(value)) throw new Error(`expected an unknown fact, got ${JSON.stringify(value)}`);
  return value.reason;
}

// Values the collector did not give are unknown naming what was missing, never a stand-in ('unknown', 'Feature', '').
describe('Hyper-V values a cmdlet or class left out', () => {
  it('a vmms service without StartMode or State (Win32_Service) is not given a start mode', () => {
    const doc = fixture('ws2022-hardened');
    doc.hypervRole.vmms.startMode = null;
    expect(reason(known(factsFrom(doc).hyperv.role.vmms).startMode)).toBe('Win32_Service gave no StartMode for vmms');
    doc.hypervRole.vmms.state = null;
    expect(reason(factsFrom(doc).hyperv.role.vmms)).toBe('Win32_Service gave no State for vmms');
  });

  it('a Windows feature without FeatureType (Get-WindowsFeature) is not taken for a Feature', () => {
    const doc = fixture('ws2022-hardened');
    doc.features.items[0].type = null;
    const [first] = known(factsFrom(doc).hyperv.features);
    expect(first!.name).toBe('Hyper-V');
    expect(reason(first!.type)).toBe('Get-WindowsFeature gave no FeatureType for Hyper-V');
  });
});
