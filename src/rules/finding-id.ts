import { createHash } from 'node:crypto';
import { isUnknown, type HostFacts } from '../model/index.js';

export const FINDING_ID_LENGTH = 20;

/** Host identity for finding ids: platform + name, plus the system UUID when the host reported it. */
export function hostIdentity(facts: HostFacts): string {
  const uuid = facts.identity.systemUuid;
  return [facts.platform, facts.identity.name, isUnknown(uuid) ? '' : uuid.toLowerCase()].join('\u0000');
}

/** Deterministic: the same rule, host and subject give the same id in every run, so runs can be compared. */
export function findingId(ruleId: string, identity: string, subject: string | undefined): string {
  return createHash('sha256')
    .update([ruleId, identity, subject ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, FINDING_ID_LENGTH);
}
