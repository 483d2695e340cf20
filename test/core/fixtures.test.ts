import { describe, expect, it } from 'vitest';
import { HostFacts, unknown } from '../../src/core/model/index.js';
import { esxiFacts, hypervFacts } from '../fixtures/facts.js';

describe('facts fixture factory', () => {
  it('produces valid facts for both platforms', () => {
    expect(HostFacts.safeParse(esxiFacts()).success).toBe(true);
    expect(HostFacts.safeParse(hypervFacts()).success).toBe(true);
  });

  it('deep-merges objects and replaces arrays and unknown facts', () => {
    const facts = esxiFacts({
      identity: { name: 'esx02' },
      drivers: [],
      firmware: { secureBoot: unknown('NoPermission on config.firmware') },
      esxi: { advancedOptions: { 'Security.AccountLockFailures': 0 } },
    });
    expect(facts.identity.name).toBe('esx02');
    expect(facts.identity.address).toBe('esx01.lab');
    expect(facts.drivers).toEqual([]);
    expect(facts.firmware.secureBoot).toEqual({ unknown: true, reason: 'NoPermission on config.firmware' });
    expect(facts.esxi.advancedOptions).toMatchObject({
      'Security.AccountLockFailures': 0,
      'Security.AccountUnlockTime': 900,
    });
  });

  it('replaces a known object with an unknown fact, and back', () => {
    const noSmb = hypervFacts({ exposure: { smb: unknown('Get-SmbServerConfiguration failed') } });
    expect(noSmb.exposure.smb).toEqual({ unknown: true, reason: 'Get-SmbServerConfiguration failed' });
    const smb1 = hypervFacts({ exposure: { smb: { smb1Enabled: true } } });
    expect(smb1.exposure.smb).toMatchObject({ smb1Enabled: true, requireSigning: true });
  });

  it('rejects overrides that break the model', () => {
    expect(() => esxiFacts({ cpu: { cores: 'many' as unknown as number } })).toThrow();
  });

  it('returns independent copies', () => {
    const a = esxiFacts();
    (a.drivers as unknown[]).push({});
    expect(esxiFacts().drivers).toHaveLength(2);
  });
});
