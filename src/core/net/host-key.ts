import { createHash } from 'node:crypto';

// What an SSH host key blob says about itself, as OpenSSH shows it: shared by the Hyper-V SSH transport's host key
// check, `hvscan trust` and the lab's sshd (the counterpart of certificateFingerprint in tls.ts).

/** "SHA256:" + unpadded base64, exactly as `ssh-keygen -lf` prints it. */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** The key type named inside an SSH public key blob (first length-prefixed string). */
export function hostKeyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}
