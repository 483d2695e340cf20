/** NTLM message encoding and decoding (MS-NLMP 2.2.1): NEGOTIATE, CHALLENGE, AUTHENTICATE and AV_PAIR lists. */

const SIGNATURE = Buffer.from('NTLMSSP\0', 'ascii');
/** Windows 10.0 build 0, NTLM revision 15: informational only (MS-NLMP 2.2.2.10). */
const VERSION = Buffer.from([10, 0, 0, 0, 0, 0, 0, 15]);

export const AvId = {
  EOL: 0,
  NB_COMPUTER: 1,
  NB_DOMAIN: 2,
  DNS_COMPUTER: 3,
  DNS_DOMAIN: 4,
  FLAGS: 6,
  TIMESTAMP: 7,
  CHANNEL_BINDINGS: 10,
} as const;
/** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
export const AV_FLAG_MIC = 0x2;

export type AvPairs = Array<{ id: number; value: Buffer }>;

export function encodeAvPairs(pairs: AvPairs): Buffer {
  const parts: Buffer[] = [];
  for (const { id, value } of pairs.filter((p) => p.id !== AvId.EOL)) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(id, 0);
    head.writeUInt16LE(value.length, 2);
    parts.push(head, value);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

export function decodeAvPairs(buf: Buffer): AvPairs {
  const pairs: AvPairs = [];
  let off = 0;
  while (off + 4 <= buf.length) {
    const id = buf.readUInt16LE(off);
    const len = buf.readUInt16LE(off + 2);
    if (id === AvId.EOL) return pairs;
    if (off + 4 + len > buf.length) throw new Error('NTLM AV_PAIR runs past the end of the list');
    pairs.push({ id, value: buf.subarray(off + 4, off + 4 + len) });
    off += 4 + len;
  }
  throw new Error('NTLM AV_PAIR list has no MsvAvEOL');
}

function checkHeader(buf: Buffer, type: number, name: string): void {
  if (buf.length < 12 || !buf.subarray(0, 8).equals(SIGNATURE) || buf.readUInt32LE(8) !== type) {
    throw new Error(`not an NTLM ${name} message`);
  }
}

/** Reads a (len, maxLen, offset) security buffer field at `at`. */
function field(buf: Buffer, at: number): Buffer {
  if (at + 8 > buf.length) throw new Error('NTLM message is truncated');
  const len = buf.readUInt16LE(at);
  const off = buf.readUInt32LE(at + 4);
  if (off + len > buf.length) throw new Error('NTLM message field runs past its end');
  return buf.subarray(off, off + len);
}

/** Lays out fixed header + payload fields, writing each (len, maxLen, offset) descriptor in order. */
function layout(fixed: Buffer, descriptorAt: number[], payloads: Buffer[]): Buffer {
  let off = fixed.length;
  descriptorAt.forEach((at, i) => {
    fixed.writeUInt16LE(payloads[i].length, at);
    fixed.writeUInt16LE(payloads[i].length, at + 2);
    fixed.writeUInt32LE(off, at + 4);
    off += payloads[i].length;
  });
  return Buffer.concat([fixed, ...payloads]);
}

export function encodeNegotiate(flags: number): Buffer {
  const fixed = Buffer.alloc(40);
  SIGNATURE.copy(fixed, 0);
  fixed.writeUInt32LE(1, 8);
  fixed.writeUInt32LE(flags >>> 0, 12);
  VERSION.copy(fixed, 32);
  return layout(fixed, [16, 24], [Buffer.alloc(0), Buffer.alloc(0)]);
}

export function decodeNegotiate(buf: Buffer): { flags: number } {
  checkHeader(buf, 1, 'NEGOTIATE');
  if (buf.length < 16) throw new Error('NTLM NEGOTIATE message is truncated');
  return { flags: buf.readUInt32LE(12) };
}

export interface Challenge {
  flags: number;
  serverChallenge: Buffer;
  targetName: Buffer;
  targetInfo: Buffer;
}

export function encodeChallenge(c: Challenge): Buffer {
  const fixed = Buffer.alloc(56);
  SIGNATURE.copy(fixed, 0);
  fixed.writeUInt32LE(2, 8);
  fixed.writeUInt32LE(c.flags >>> 0, 20);
  c.serverChallenge.copy(fixed, 24);
  VERSION.copy(fixed, 48);
  return layout(fixed, [12, 40], [c.targetName, c.targetInfo]);
}

export function decodeChallenge(buf: Buffer): Challenge {
  checkHeader(buf, 2, 'CHALLENGE');
  if (buf.length < 48) throw new Error('NTLM CHALLENGE message is truncated');
  return {
    flags: buf.readUInt32LE(20),
    serverChallenge: buf.subarray(24, 32),
    targetName: field(buf, 12),
    targetInfo: field(buf, 40),
  };
}

export interface Authenticate {
  flags: number;
  lmResponse: Buffer;
  ntResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
  encryptedRandomSessionKey: Buffer;
  /** 16 zero bytes when the message carries a MIC that is not yet computed. */
  mic: Buffer;
}

/** MIC lives right after VERSION; callers zero it, hash the three messages, then write it here. */
export const MIC_OFFSET = 72;

export function encodeAuthenticate(a: Authenticate): Buffer {
  const fixed = Buffer.alloc(88);
  SIGNATURE.copy(fixed, 0);
  fixed.writeUInt32LE(3, 8);
  fixed.writeUInt32LE(a.flags >>> 0, 60);
  VERSION.copy(fixed, 64);
  a.mic.copy(fixed, MIC_OFFSET);
  const text = (s: string) => Buffer.from(s, 'utf16le');
  return layout(
    fixed,
    [28, 36, 44, 12, 20, 52],
    [text(a.domain), text(a.user), text(a.workstation), a.lmResponse, a.ntResponse, a.encryptedRandomSessionKey],
  );
}

export function decodeAuthenticate(buf: Buffer): Authenticate {
  checkHeader(buf, 3, 'AUTHENTICATE');
  if (buf.length < 64) throw new Error('NTLM AUTHENTICATE message is truncated');
  const flags = buf.readUInt32LE(60);
  const text = (b: Buffer) => b.toString('utf16le');
  const firstPayload = Math.min(...[12, 20, 28, 36, 44, 52].map((at) => buf.readUInt32LE(at + 4)).filter((o) => o > 0));
  return {
    flags,
    lmResponse: field(buf, 12),
    ntResponse: field(buf, 20),
    domain: text(field(buf, 28)),
    user: text(field(buf, 36)),
    workstation: text(field(buf, 44)),
    encryptedRandomSessionKey: field(buf, 52),
    mic: firstPayload >= MIC_OFFSET + 16 ? Buffer.from(buf.subarray(MIC_OFFSET, MIC_OFFSET + 16)) : Buffer.alloc(0),
  };
}
