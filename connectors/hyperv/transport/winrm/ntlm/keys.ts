import { createHash, createHmac } from 'node:crypto';
import { md4 } from './md4.js';

/** MS-NLMP 2.2.2.5 NEGOTIATE flags this client and the lab server use. */
export const Flag = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  SIGN: 0x00000010,
  SEAL: 0x00000020,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_SERVER: 0x00020000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  VERSION: 0x02000000,
  KEY_128: 0x20000000,
  KEY_EXCH: 0x40000000,
  KEY_56: 0x80000000,
} as const;

/** What session security (signing + sealing for HTTP message encryption) needs from the negotiated flags. */
export const SESSION_SECURITY_FLAGS =
  Flag.SIGN | Flag.SEAL | Flag.EXTENDED_SESSIONSECURITY | Flag.KEY_EXCH | Flag.KEY_128;

export function hmacMd5(key: Buffer, ...data: Buffer[]): Buffer {
  const mac = createHmac('md5', key);
  for (const d of data) mac.update(d);
  return mac.digest();
}

/** NTOWFv2 (MS-NLMP 3.3.2): HMAC_MD5(MD4(UTF-16LE(password)), UTF-16LE(UPPER(user) + domain)). */
export function ntowfv2(password: string, user: string, domain: string): Buffer {
  return hmacMd5(md4(Buffer.from(password, 'utf16le')), Buffer.from(user.toUpperCase() + domain, 'utf16le'));
}

/** The NTLMv2 client blob ("temp" in MS-NLMP 3.3.2) that follows NTProofStr in the NT response. */
export function ntlmv2Blob(timestamp: Buffer, clientChallenge: Buffer, targetInfo: Buffer): Buffer {
  const head = Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([head, timestamp, clientChallenge, Buffer.alloc(4), targetInfo, Buffer.alloc(4)]);
}

/** NTProofStr and SessionBaseKey for a blob; the server recomputes both to check the response. */
export function ntlmv2Proof(
  responseKeyNt: Buffer,
  serverChallenge: Buffer,
  blob: Buffer,
): { ntProof: Buffer; sessionBaseKey: Buffer } {
  const ntProof = hmacMd5(responseKeyNt, serverChallenge, blob);
  return { ntProof, sessionBaseKey: hmacMd5(responseKeyNt, ntProof) };
}

const magic = (text: string) => Buffer.from(text + '\0', 'ascii');
const CLIENT_SIGNING = magic('session key to client-to-server signing key magic constant');
const SERVER_SIGNING = magic('session key to server-to-client signing key magic constant');
const CLIENT_SEALING = magic('session key to client-to-server sealing key magic constant');
const SERVER_SEALING = magic('session key to server-to-client sealing key magic constant');

const md5 = (...data: Buffer[]) => createHash('md5').update(Buffer.concat(data)).digest();

/** SIGNKEY and SEALKEY (MS-NLMP 3.4.5.2/3.4.5.3, extended session security) for one direction. */
export function directionKeys(
  flags: number,
  exportedSessionKey: Buffer,
  direction: 'client-to-server' | 'server-to-client',
) {
  const toServer = direction === 'client-to-server';
  const sealBase =
    flags & Flag.KEY_128
      ? exportedSessionKey
      : flags & Flag.KEY_56
        ? exportedSessionKey.subarray(0, 7)
        : exportedSessionKey.subarray(0, 5);
  return {
    signKey: md5(exportedSessionKey, toServer ? CLIENT_SIGNING : SERVER_SIGNING),
    sealKey: md5(sealBase, toServer ? CLIENT_SEALING : SERVER_SEALING),
  };
}

/** Windows FILETIME (100 ns since 1601-01-01) as 8 bytes little-endian. */
export function fileTimeNow(): Buffer {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64LE((BigInt(Date.now()) + 11644473600000n) * 10000n);
  return buf;
}
