import { createHash, X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { TlsOptions } from '../config/schema.js';
import { CollectError } from '../connector/errors.js';
import { readBoundedFileSync } from '../config/bounded-file.js';

export type ServerTrust = 'ca' | 'pinned' | 'insecure';

export interface PeerCertificateInfo {
  subject: string;
  issuer: string;
  notAfter: string;
  selfSigned: boolean;
  sha256: string;
}

/** SHA-256 of a DER certificate, lowercase hex without colons (the form config fingerprints normalise to). */
export function certificateFingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

/** "AB:CD:…", the form `openssl x509 -fingerprint -sha256` prints; tls.fingerprint accepts it as is. */
export function colonFingerprint(hex: string): string {
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** Node's verification codes in words, for the common cases on hypervisor hosts. */
const VERIFY_ERRORS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is issued by a CA that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is issued by a CA that is not trusted',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name this host',
};

/**
 * The CA-verification failure with what the user needs to decide: the certificate's SHA-256 (to compare with the
 * host, docs/first-real-host.md) and the three ways on, as the SSH host-key error gives them.
 */
export function untrustedCertificateMessage(
  where: string,
  code: string,
  peer: PeerCertificateInfo | undefined,
): string {
  const reason = `${VERIFY_ERRORS[code] ?? 'certificate verification failed'} (${code})`;
  if (!peer) return `${where}: server certificate not trusted: ${reason}`;
  const fingerprint = colonFingerprint(peer.sha256);
  return (
    `${where}: server certificate not trusted: ${reason}; it has SHA-256 ${fingerprint} (subject ${peer.subject}, issuer ${peer.issuer}, ` +
    `valid until ${peer.notAfter}). If that is the host's own certificate (compare it on the host), pin it with ` +
    `"tls": { "fingerprint": "${fingerprint}" } or \`hvscan trust <host:port> --write <config> --target <name>\`, ` +
    `or give the CA that signed it with tls.caFile`
  );
}

export function describeCertificate(der: Buffer): PeerCertificateInfo {
  const cert = new X509Certificate(der);
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    notAfter: new Date(cert.validTo).toISOString(),
    selfSigned: cert.subject === cert.issuer,
    sha256: certificateFingerprint(der),
  };
}

/**
 * One SecureContext per CA set, shared by every connection: building one loads the CA store and costs more CPU than
 * the rest of a pinned handshake. It holds no per-target state (trust is enforced per socket below).
 */
const secureContexts = new Map<string, tls.SecureContext>();
function secureContextFor(ca: string | undefined): tls.SecureContext {
  let context = secureContexts.get(ca ?? '');
  if (!context) {
    context = tls.createSecureContext(ca ? { ca } : {});
    secureContexts.set(ca ?? '', context);
  }
  return context;
}

export interface TlsAgent {
  agent: https.Agent;
  trust: ServerTrust;
  /** The leaf certificate the server presented on the last handshake. */
  peerCertificate(): PeerCertificateInfo | undefined;
}

/**
 * An https.Agent that enforces the target's TLS policy before any request byte is written:
 * CA verification by default (system CAs, or `caFile`), a pinned SHA-256 leaf fingerprint, or `insecure` when explicit.
 * With a pin, the chain is not required to verify (the lab case: a self-signed host), but the fingerprint must match.
 */
export function createTlsAgent(
  options: TlsOptions | undefined,
  where: string,
  keepAlive = true,
  maxSockets = 8,
): TlsAgent {
  const opts = options ?? {};
  let ca: string | undefined;
  if (opts.caFile) {
    try {
      ca = readBoundedFileSync(opts.caFile);
    } catch (err) {
      throw new CollectError('config', `${where}: tls.caFile: ${(err as Error).message}`);
    }
  }
  const trust: ServerTrust = opts.fingerprint ? 'pinned' : opts.insecure ? 'insecure' : 'ca';
  let lastPeer: PeerCertificateInfo | undefined;
  let lastRaw: Buffer | undefined;
  // A session from a connection that passed this target's trust check; later connections resume it (an abbreviated
  // handshake: no certificate exchange to check again). Never shared between targets.
  let trustedSession: Buffer | undefined;

  class VerifyingAgent extends https.Agent {
    // The socket is returned synchronously so the agent counts it against maxSockets at once (an async callback
    // would let a burst of requests open one connection each). It stays corked, so no request byte (and no
    // credential) is written, until the handshake has passed this target's trust policy.
    override createConnection(connectOptions: tls.ConnectionOptions): Duplex {
      const socket = tls.connect({
        ...connectOptions,
        secureContext: secureContextFor(ca ?? (typeof connectOptions.ca === 'string' ? connectOptions.ca : undefined)),
        session: trustedSession,
        // CA mode verifies below, from Node's verdict (socket.authorized), so the error can show the certificate.
        rejectUnauthorized: false,
        // A pin replaces name checks; CA mode keeps Node's default hostname verification.
        ...(trust !== 'ca' ? { checkServerIdentity: () => undefined } : {}),
      });
      socket.cork();
      let verified = false;
      let offered: Buffer | undefined;
      // TLS 1.2 delivers the session during the handshake, TLS 1.3 after it: kept only once the peer is trusted.
      socket.on('session', (session: Buffer) => {
        if (verified) trustedSession = session;
        else offered = session;
      });
      socket.once('secureConnect', () => {
        if (socket.isSessionReused()) {
          verified = true;
          socket.uncork();
          return;
        }
        const peer = socket.getPeerCertificate(false);
        // Every connection to a host presents the same certificate: describe it once.
        if (peer?.raw && !(lastPeer && lastRaw?.equals(peer.raw))) {
          lastPeer = describeCertificate(peer.raw);
          lastRaw = peer.raw;
        }
        if (trust === 'ca' && !socket.authorized) {
          const reason = socket.authorizationError as Error | string | null;
          const code =
            typeof reason === 'string'
              ? reason
              : ((reason as NodeJS.ErrnoException | null)?.code ?? reason?.message ?? 'UNKNOWN');
          const seen = peer?.raw ? describeCertificate(peer.raw) : undefined;
          socket.destroy(new CollectError('tls', untrustedCertificateMessage(where, code, seen), { code }));
          return;
        }
        if (trust === 'pinned') {
          const seen = peer?.raw ? certificateFingerprint(peer.raw) : '';
          if (seen !== opts.fingerprint) {
            socket.destroy(
              new CollectError(
                'tls',
                `${where}: server certificate SHA-256 ${seen || '(none)'} does not match the pinned tls.fingerprint ${opts.fingerprint}; ` +
                  'refusing to connect (the certificate was renewed, or this is not the host: compare it on the host, then update the pin, e.g. with `hvscan trust`)',
                { code: 'CERT_FINGERPRINT_MISMATCH' },
              ),
            );
            return;
          }
        }
        verified = true;
        if (offered) trustedSession = offered;
        socket.uncork();
      });
      return socket;
    }
  }

  const agent = new VerifyingAgent({ keepAlive, maxSockets });
  return { agent, trust, peerCertificate: () => lastPeer };
}
