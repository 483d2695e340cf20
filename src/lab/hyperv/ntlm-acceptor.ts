import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  AV_FLAG_MIC,
  AvId,
  decodeAuthenticate,
  decodeAvPairs,
  decodeNegotiate,
  encodeAvPairs,
  encodeChallenge,
  fileTimeNow,
  Flag,
  hmacMd5,
  MIC_OFFSET,
  ntlmv2Proof,
  NtlmSessionSecurity,
  ntowfv2,
  Rc4,
} from '../../../connectors/hyperv/transport/winrm/wire.js';

/** What the lab's NTLM acceptor offers: NTLMv2 with extended session security, sealing, key exchange and a timestamp. */
const SERVER_FLAGS =
  Flag.UNICODE |
  Flag.REQUEST_TARGET |
  Flag.NTLM |
  Flag.ALWAYS_SIGN |
  Flag.TARGET_TYPE_SERVER |
  Flag.EXTENDED_SESSIONSECURITY |
  Flag.TARGET_INFO |
  Flag.VERSION |
  Flag.SIGN |
  Flag.SEAL |
  Flag.KEY_128 |
  Flag.KEY_EXCH |
  Flag.KEY_56;

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/**
 * The server half of NTLMv2 for one connection (the lab WinRM server): answers NEGOTIATE with a CHALLENGE, then checks
 * the AUTHENTICATE message's NTProofStr against the host's accounts, verifies the MIC, and derives session security.
 */
export class NtlmAcceptor {
  private negotiateMessage?: Buffer;
  private challengeMessage?: Buffer;
  private serverChallenge = randomBytes(8);

  constructor(private readonly computerName: string) {}

  challenge(negotiateMessage: Buffer): Buffer {
    const { flags } = decodeNegotiate(negotiateMessage);
    this.negotiateMessage = negotiateMessage;
    this.serverChallenge = randomBytes(8);
    const name = this.computerName.toUpperCase();
    this.challengeMessage = encodeChallenge({
      // UNICODE always; OEM echoed when offered (ntlm-auth offers only OEM, then clears it from the challenge's flags).
      flags:
        ((SERVER_FLAGS &
          (flags |
            Flag.UNICODE |
            Flag.REQUEST_TARGET |
            Flag.NTLM |
            Flag.TARGET_TYPE_SERVER |
            Flag.TARGET_INFO |
            Flag.VERSION)) |
          (flags & Flag.OEM)) >>>
        0,
      serverChallenge: this.serverChallenge,
      targetName: utf16(name),
      targetInfo: encodeAvPairs([
        { id: AvId.NB_DOMAIN, value: utf16(name) },
        { id: AvId.NB_COMPUTER, value: utf16(name) },
        { id: AvId.DNS_COMPUTER, value: utf16(this.computerName.toLowerCase()) },
        { id: AvId.TIMESTAMP, value: fileTimeNow() },
      ]),
    });
    return this.challengeMessage;
  }

  /**
   * Returns the authenticated user and its session security, or the reason the message was refused. Over HTTPS,
   * `channelBinding` is what the client must have bound to (Windows CbtHardeningLevel Relaxed: checked when sent).
   */
  accept(
    authenticateMessage: Buffer,
    passwordOf: (user: string) => string | undefined,
    channelBinding?: Buffer,
  ): { user: string; session: NtlmSessionSecurity; channelBound: boolean } | { refused: string } {
    if (!this.negotiateMessage || !this.challengeMessage)
      return { refused: 'AUTHENTICATE without NEGOTIATE on this connection' };
    const auth = decodeAuthenticate(authenticateMessage);
    const password = passwordOf(auth.user);
    if (password === undefined || auth.ntResponse.length < 48)
      return { refused: 'unknown user or not an NTLMv2 response' };
    const blob = auth.ntResponse.subarray(16);
    const { ntProof, sessionBaseKey } = ntlmv2Proof(
      ntowfv2(password, auth.user, auth.domain),
      this.serverChallenge,
      blob,
    );
    if (!timingSafeEqual(ntProof, auth.ntResponse.subarray(0, 16))) return { refused: 'wrong password' };

    const exportedSessionKey =
      auth.flags & Flag.KEY_EXCH ? new Rc4(sessionBaseKey).update(auth.encryptedRandomSessionKey) : sessionBaseKey;
    const clientPairs = decodeAvPairs(blob.subarray(28));
    const avFlags = clientPairs.find((p) => p.id === AvId.FLAGS)?.value.readUInt32LE(0) ?? 0;
    if (avFlags & AV_FLAG_MIC) {
      const zeroed = Buffer.from(authenticateMessage);
      Buffer.alloc(16).copy(zeroed, MIC_OFFSET);
      const mic = hmacMd5(exportedSessionKey, this.negotiateMessage, this.challengeMessage, zeroed);
      if (!mic.equals(auth.mic)) return { refused: 'MIC does not match' };
    }
    const sentBinding = clientPairs.find((p) => p.id === AvId.CHANNEL_BINDINGS)?.value;
    const channelBound = !!sentBinding && sentBinding.some((b) => b !== 0);
    if (channelBound && channelBinding && !sentBinding!.equals(channelBinding))
      return { refused: 'channel binding does not match this TLS certificate' };
    return {
      user: auth.user,
      session: new NtlmSessionSecurity(auth.flags, exportedSessionKey, 'server'),
      channelBound,
    };
  }
}
