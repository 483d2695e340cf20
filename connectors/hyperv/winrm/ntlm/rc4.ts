/**
 * RC4 as a stateful stream: NTLM sealing keeps one keystream per direction across messages, and Node 20's OpenSSL 3
 * does not offer rc4 without the legacy provider.
 */
export class Rc4 {
  private readonly s = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Buffer) {
    for (let k = 0; k < 256; k++) this.s[k] = k;
    let j = 0;
    for (let k = 0; k < 256; k++) {
      j = (j + this.s[k] + key[k % key.length]) & 0xff;
      [this.s[k], this.s[j]] = [this.s[j], this.s[k]];
    }
  }

  update(data: Buffer): Buffer {
    const out = Buffer.alloc(data.length);
    const s = this.s;
    for (let n = 0; n < data.length; n++) {
      this.i = (this.i + 1) & 0xff;
      this.j = (this.j + s[this.i]) & 0xff;
      [s[this.i], s[this.j]] = [s[this.j], s[this.i]];
      out[n] = data[n] ^ s[(s[this.i] + s[this.j]) & 0xff];
    }
    return out;
  }
}
