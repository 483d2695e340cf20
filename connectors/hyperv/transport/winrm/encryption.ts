import type { NtlmSessionSecurity } from './ntlm/session.js';

/**
 * WinRM HTTP message encryption with NTLM (MS-WSMV 2.2.9.1.1), framed exactly as pywinrm frames it: a MIME-like
 * multipart body whose first part announces the plaintext length and whose second part carries
 * uint32LE(signature length) + signature + sealed bytes.
 */
export const ENCRYPTED_PROTOCOL = 'application/HTTP-SPNEGO-session-encrypted';
export const ENCRYPTED_CONTENT_TYPE = `multipart/encrypted;protocol="${ENCRYPTED_PROTOCOL}";boundary="Encrypted Boundary"`;
const BOUNDARY = '--Encrypted Boundary';
const OCTET_HEADER = '\tContent-Type: application/octet-stream\r\n';
const OCTET_HEADER_BYTES = Buffer.from(OCTET_HEADER, 'ascii');
const SEPARATOR = Buffer.from(BOUNDARY + '\r\n', 'ascii');
const END = Buffer.from(BOUNDARY + '--\r\n', 'ascii');

export function isEncryptedContentType(contentType: string | undefined): boolean {
  return !!contentType && contentType.includes(`protocol="${ENCRYPTED_PROTOCOL}"`);
}

export function encryptMessage(plain: Buffer, session: NtlmSessionSecurity): Buffer {
  const { sealed, signature } = session.wrap(plain);
  const sigLength = Buffer.alloc(4);
  sigLength.writeUInt32LE(signature.length);
  const head =
    `${BOUNDARY}\r\n\tContent-Type: ${ENCRYPTED_PROTOCOL}\r\n` +
    `\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=${plain.length}\r\n` +
    `${BOUNDARY}\r\n${OCTET_HEADER}`;
  return Buffer.concat([Buffer.from(head, 'ascii'), sigLength, signature, sealed, END]);
}

/**
 * Unseals every (header, payload) part pair and checks each plaintext length against its header, as pywinrm does.
 * Throws on malformed framing, a bad signature or a length mismatch.
 */
export function decryptMessage(body: Buffer, session: NtlmSessionSecurity): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const next = body.indexOf(SEPARATOR, at);
    const end = next === -1 ? body.length : next;
    if (end > at) parts.push(body.subarray(at, end));
    if (next === -1) break;
    at = next + SEPARATOR.length;
  }
  if (parts.length === 0 || parts.length % 2 !== 0)
    throw new Error('encrypted WinRM body does not have header/payload part pairs');
  const plain: Buffer[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const lengthMatch = /Length=(\d+)/.exec(parts[i].toString('latin1'));
    if (!lengthMatch) throw new Error('encrypted WinRM part has no OriginalContent Length');
    let payload = parts[i + 1];
    if (payload.subarray(payload.length - END.length).equals(END))
      payload = payload.subarray(0, payload.length - END.length);
    if (!payload.subarray(0, OCTET_HEADER_BYTES.length).equals(OCTET_HEADER_BYTES))
      throw new Error('encrypted WinRM part lacks its octet-stream header');
    payload = payload.subarray(OCTET_HEADER_BYTES.length);
    if (payload.length < 4) throw new Error('encrypted WinRM part is truncated');
    const sigLength = payload.readUInt32LE(0);
    if (sigLength !== 16 || payload.length < 4 + sigLength)
      throw new Error('encrypted WinRM part has a bad signature length');
    const message = session.unwrap(payload.subarray(4 + sigLength), payload.subarray(4, 4 + sigLength));
    if (message.length !== Number(lengthMatch[1]))
      throw new Error('decrypted WinRM message length does not match its header (tampered or truncated)');
    plain.push(message);
  }
  return Buffer.concat(plain);
}
