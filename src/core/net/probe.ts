import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { Client } from 'ssh2';
import { hostKeyFingerprint, hostKeyType } from './host-key.js';
import { certificateFingerprint } from './tls.js';

/** What a TLS server presents, read once without trusting it; `caVerdict` is what CA verification would say. */
export interface PresentedCertificate {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** Lowercase hex, the form tls.fingerprint normalises to. */
  sha256: string;
  selfSigned: boolean;
  /** "trusted by the system CAs", or Node's reason for refusing. */
  caVerdict: string;
}

export interface PresentedHostKey {
  keyType: string;
  /** "SHA256:<base64>", as ssh-keygen -lf prints it and ssh.hostKeyFingerprint pins it. */
  fingerprint: string;
}

/**
 * Completes a TLS handshake with the server and hangs up before sending anything: the certificate is only read,
 * never trusted (no request, no credential).
 */
export function presentedCertificate(host: string, port: number, timeoutMs: number): Promise<PresentedCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port,
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(false);
      const reason = socket.authorizationError as Error | string | null;
      socket.destroy();
      if (!peer?.raw) return reject(new Error(`${host}:${port} presented no certificate`));
      const cert = new X509Certificate(peer.raw);
      resolve({
        subject: cert.subject.replace(/\n/g, ', '),
        issuer: cert.issuer.replace(/\n/g, ', '),
        notBefore: new Date(cert.validFrom).toISOString(),
        notAfter: new Date(cert.validTo).toISOString(),
        sha256: certificateFingerprint(peer.raw),
        selfSigned: cert.subject === cert.issuer,
        caVerdict: socket.authorized
          ? 'trusted by the system CAs'
          : `not trusted by the system CAs (${typeof reason === 'string' ? reason : (reason?.message ?? 'unknown')})`,
      });
    });
    socket.once('timeout', () => socket.destroy(new Error(`${host}:${port}: no TLS handshake within ${timeoutMs} ms`)));
    socket.once('error', (err) => reject(new Error(`${host}:${port}: ${err.message}`)));
  });
}

/** Runs an SSH key exchange and refuses the key before authenticating: the host key is only read. */
export function presentedHostKey(host: string, port: number, timeoutMs: number): Promise<PresentedHostKey> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let key: Buffer | undefined;
    const finish = () => {
      client.end();
      if (key) resolve({ keyType: hostKeyType(key), fingerprint: hostKeyFingerprint(key) });
    };
    client.on('error', (err) => {
      finish();
      if (!key) reject(new Error(`${host}:${port}: ${err.message}`));
    });
    client.on('close', finish);
    client.connect({
      host,
      port,
      username: 'hvscan-trust',
      readyTimeout: timeoutMs,
      hostVerifier: (blob: Buffer) => {
        key = blob;
        return false;
      },
    });
  });
}
