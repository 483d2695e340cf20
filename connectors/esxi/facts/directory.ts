import { unknown, type Fact } from '../../../src/core/model/fact.js';
import { at, bool, objects, str, type VimValue } from '../vim25/value.js';

/**
 * Active Directory membership from config.authenticationManagerInfo (HostAuthenticationManagerInfo.authConfig[]: a
 * HostLocalAuthenticationInfo and a HostActiveDirectoryInfo with joinedDomain and domainMembershipStatus; vim25-types.json).
 * A host that lists no AD store, or one that is disabled or names no domain, is not joined.
 */
export function mapActiveDirectory(info: VimValue | undefined): Fact<{ joinedDomain: string | null }> {
  if (info === undefined) return unknown('config.authenticationManagerInfo not reported by the host');
  const ad = objects(at(info, 'authConfig')).find((c) => c._type === 'HostActiveDirectoryInfo');
  const domain = str(ad?.joinedDomain);
  return { joinedDomain: ad && bool(ad.enabled) !== false && domain ? domain : null };
}
