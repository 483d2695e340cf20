import { createHash } from 'node:crypto';

/**
 * NTLM channel binding over HTTPS (Extended Protection, CbtHardeningLevel): MD5 of a gss_channel_bindings_struct whose
 * application data is "tls-server-end-point:" + hash of the server certificate (RFC 5929 4.1: the certificate's own
 * signature hash, SHA-256 when that is MD5 or SHA-1).
 */
export function channelBindingHash(certificateDer: Buffer): Buffer {
  return channelBindingFromEndPoint(createHash(endPointHash(certificateDer)).update(certificateDer).digest());
}

export function channelBindingFromEndPoint(certificateHash: Buffer): Buffer {
  const appData = Buffer.concat([Buffer.from('tls-server-end-point:', 'ascii'), certificateHash]);
  const head = Buffer.alloc(20); // initiator/acceptor address types and lengths: zero; then application data length
  head.writeUInt32LE(appData.length, 16);
  return createHash('md5')
    .update(Buffer.concat([head, appData]))
    .digest();
}

const SHA384 = ['2a864886f70d01010c', '2a8648ce3d040303'];
const SHA512 = ['2a864886f70d01010d', '2a8648ce3d040304'];

/** Reads the signatureAlgorithm OID that follows tbsCertificate in the DER certificate. */
function endPointHash(der: Buffer): 'sha256' | 'sha384' | 'sha512' {
  try {
    let at = headerEnd(der, 0).contentStart; // Certificate SEQUENCE
    const tbs = headerEnd(der, at);
    at = tbs.contentStart + tbs.length; // skip tbsCertificate
    const algorithm = headerEnd(der, at); // AlgorithmIdentifier SEQUENCE
    const oid = headerEnd(der, algorithm.contentStart);
    const hex = der.subarray(oid.contentStart, oid.contentStart + oid.length).toString('hex');
    return SHA384.includes(hex) ? 'sha384' : SHA512.includes(hex) ? 'sha512' : 'sha256';
  } catch {
    return 'sha256';
  }
}

function headerEnd(der: Buffer, at: number): { contentStart: number; length: number } {
  const first = der[at + 1];
  if (first === undefined) throw new Error('truncated DER');
  if (first < 0x80) return { contentStart: at + 2, length: first };
  const bytes = first & 0x7f;
  let length = 0;
  for (let i = 0; i < bytes; i++) length = length * 256 + der[at + 2 + i];
  return { contentStart: at + 2 + bytes, length };
}
