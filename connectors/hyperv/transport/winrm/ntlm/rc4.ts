/**
 * RC4 as a stateful stream: NTLM sealing keeps one keystream per direction across messages, and Node 20's OpenSSL 3
 * does not offer rc4 without the legacy provider. Written with local state and plain swaps: every sealed WinRM message
 * runs through it, so it is on the per-host hot path.
 */
export class Rc4 {
  private readonly s = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Buffer) {
    const s = this.s;
    for (let k = 0; k < 256; k++) s[k] = k;
    let j = 0;
    for (let k = 0; k < 256; k++) {
      const t = s[k];
      j = (j + t + key[k % key.length]) & 0xff;
      s[k] = s[j];
      s[j] = t;
    }
  }

  update(data: Uint8Array): Buffer {
    const out = Buffer.allocUnsafe(data.length);
    const s = this.s;
    let i = this.i;
    let j = this.j;
    for (let n = 0; n < data.length; n++) {
      i = (i + 1) & 0xff;
      const si = s[i];
      j = (j + si) & 0xff;
      const sj = s[j];
      s[i] = sj;
      s[j] = si;
      out[n] = data[n] ^ s[(si + sj) & 0xff];
    }
    this.i = i;
    this.j = j;
    return out;
  }
}
