import { directionKeys, Flag, hmacMd5 } from './keys.js';
import { Rc4 } from './rc4.js';

/**
 * NTLM session security with extended session security (MS-NLMP 3.4.3/3.4.4, GSS_WrapEx/GSS_UnwrapEx): RC4 sealing
 * with one keystream per direction and HMAC-MD5 signatures whose checksum is itself RC4-encrypted under key exchange.
 * The sealed message and its checksum come from the same keystream, message first.
 */
export class NtlmSessionSecurity {
  private readonly outSignKey: Buffer;
  private readonly inSignKey: Buffer;
  private readonly outSeal: Rc4;
  private readonly inSeal: Rc4;
  private outSeq = 0;
  private inSeq = 0;

  constructor(
    private readonly flags: number,
    exportedSessionKey: Buffer,
    role: 'client' | 'server',
  ) {
    if (!(flags & Flag.EXTENDED_SESSIONSECURITY))
      throw new Error('NTLM session security without extended session security is not supported');
    const toServer = directionKeys(flags, exportedSessionKey, 'client-to-server');
    const toClient = directionKeys(flags, exportedSessionKey, 'server-to-client');
    const [out, inc] = role === 'client' ? [toServer, toClient] : [toClient, toServer];
    this.outSignKey = out.signKey;
    this.inSignKey = inc.signKey;
    this.outSeal = new Rc4(out.sealKey);
    this.inSeal = new Rc4(inc.sealKey);
  }

  /** Seals a message; returns the ciphertext and its 16-byte NTLMSSP_MESSAGE_SIGNATURE. */
  wrap(message: Buffer): { sealed: Buffer; signature: Buffer } {
    const sealed = this.outSeal.update(message);
    const signature = this.sign(message, this.outSignKey, this.outSeq++, this.outSeal);
    return { sealed, signature };
  }

  /** Unseals a message and checks its signature (checksum and sequence number); throws when they do not match. */
  unwrap(sealed: Buffer, signature: Buffer): Buffer {
    const message = this.inSeal.update(sealed);
    const expected = this.sign(message, this.inSignKey, this.inSeq++, this.inSeal);
    if (signature.length !== 16 || !expected.equals(signature)) {
      throw new Error('NTLM message signature does not match (altered, out of order, or wrong session key)');
    }
    return message;
  }

  private sign(message: Buffer, signKey: Buffer, seq: number, seal: Rc4): Buffer {
    const seqBytes = Buffer.alloc(4);
    seqBytes.writeUInt32LE(seq);
    let checksum = hmacMd5(signKey, seqBytes, message).subarray(0, 8);
    if (this.flags & Flag.KEY_EXCH) checksum = seal.update(checksum);
    return Buffer.concat([Buffer.from([1, 0, 0, 0]), checksum, seqBytes]);
  }
}
