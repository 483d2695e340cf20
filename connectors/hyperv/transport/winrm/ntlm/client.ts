import { randomBytes } from 'node:crypto';
import { Flag, fileTimeNow, hmacMd5, ntlmv2Blob, ntlmv2Proof, ntowfv2, SESSION_SECURITY_FLAGS } from './keys.js';
import {
  AV_FLAG_MIC,
  AvId,
  decodeAvPairs,
  decodeChallenge,
  encodeAuthenticate,
  encodeAvPairs,
  encodeNegotiate,
  MIC_OFFSET,
} from './messages.js';
import { Rc4 } from './rc4.js';
import { NtlmSessionSecurity } from './session.js';

export const CLIENT_FLAGS =
  Flag.UNICODE |
  Flag.REQUEST_TARGET |
  Flag.NTLM |
  Flag.ALWAYS_SIGN |
  Flag.EXTENDED_SESSIONSECURITY |
  Flag.TARGET_INFO |
  Flag.VERSION |
  SESSION_SECURITY_FLAGS |
  Flag.KEY_56;

export interface NtlmIdentity {
  /** "DOMAIN\user", or a bare user / UPN (then the domain is empty, as Windows clients send it). */
  username: string;
  password: string;
}

/** Fixed inputs for reproducible tests (MS-NLMP 4.2.4); random/current values otherwise. */
export interface NtlmTestInputs {
  clientChallenge?: Buffer;
  exportedSessionKey?: Buffer;
  timestamp?: Buffer;
}

export function splitUsername(username: string): { user: string; domain: string } {
  const slash = username.indexOf('\\');
  return slash > 0
    ? { domain: username.slice(0, slash), user: username.slice(slash + 1) }
    : { user: username, domain: '' };
}

/**
 * The client half of an NTLMv2 handshake: NEGOTIATE, then AUTHENTICATE from the server's CHALLENGE, with a MIC when
 * the server sent a timestamp, and NTLM session security for message encryption.
 */
export class NtlmClient {
  private negotiateMessage?: Buffer;

  negotiate(): Buffer {
    this.negotiateMessage = encodeNegotiate(CLIENT_FLAGS);
    return this.negotiateMessage;
  }

  authenticate(
    challengeMessage: Buffer,
    identity: NtlmIdentity,
    options: {
      requireSessionSecurity: boolean;
      /** channelBindingHash() of the server certificate, over HTTPS. */ channelBinding?: Buffer;
      test?: NtlmTestInputs;
    },
  ): { message: Buffer; session: NtlmSessionSecurity } {
    if (!this.negotiateMessage) throw new Error('NTLM negotiate() must come before authenticate()');
    const challenge = decodeChallenge(challengeMessage);
    const flags = (challenge.flags & CLIENT_FLAGS) | Flag.UNICODE;
    if (options.requireSessionSecurity && (flags & SESSION_SECURITY_FLAGS) !== SESSION_SECURITY_FLAGS) {
      throw new Error(
        'the server did not agree to NTLM signing and sealing (128-bit, key exchange), which message encryption requires',
      );
    }
    if (!(flags & Flag.EXTENDED_SESSIONSECURITY))
      throw new Error('the server offered only NTLMv1-style session security');

    const serverPairs = decodeAvPairs(challenge.targetInfo);
    const serverTime = serverPairs.find((p) => p.id === AvId.TIMESTAMP)?.value;
    const pairs = serverPairs.filter((p) => p.id !== AvId.FLAGS && p.id !== AvId.CHANNEL_BINDINGS);
    if (serverTime) pairs.push({ id: AvId.FLAGS, value: Buffer.from([AV_FLAG_MIC, 0, 0, 0]) });
    if (options.channelBinding) pairs.push({ id: AvId.CHANNEL_BINDINGS, value: options.channelBinding });

    const { user, domain } = splitUsername(identity.username);
    const clientChallenge = options.test?.clientChallenge ?? randomBytes(8);
    const responseKey = ntowfv2(identity.password, user, domain);
    const blob = ntlmv2Blob(
      options.test?.timestamp ?? serverTime ?? fileTimeNow(),
      clientChallenge,
      encodeAvPairs(pairs),
    );
    const { ntProof, sessionBaseKey } = ntlmv2Proof(responseKey, challenge.serverChallenge, blob);
    // MS-NLMP 3.1.5.1.2: with a server timestamp the LMv2 response is replaced by zeros.
    const lmResponse = serverTime
      ? Buffer.alloc(24)
      : Buffer.concat([hmacMd5(responseKey, challenge.serverChallenge, clientChallenge), clientChallenge]);

    const exportedSessionKey =
      flags & Flag.KEY_EXCH ? (options.test?.exportedSessionKey ?? randomBytes(16)) : sessionBaseKey;
    const encryptedRandomSessionKey =
      flags & Flag.KEY_EXCH ? new Rc4(sessionBaseKey).update(exportedSessionKey) : Buffer.alloc(0);
    const message = encodeAuthenticate({
      flags,
      lmResponse,
      ntResponse: Buffer.concat([ntProof, blob]),
      domain,
      user,
      workstation: '',
      encryptedRandomSessionKey,
      mic: Buffer.alloc(16),
    });
    if (serverTime)
      hmacMd5(exportedSessionKey, this.negotiateMessage, challengeMessage, message).copy(message, MIC_OFFSET);
    return { message, session: new NtlmSessionSecurity(flags, exportedSessionKey, 'client') };
  }
}
