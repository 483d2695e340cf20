import { mkdtempSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../src/lab/esxi/cert.js';
import { colonFingerprint, createTlsAgent } from '../../src/core/net/tls.js';

describe('createTlsAgent', () => {
  const cert = createSelfSignedCertificate('tls-test.lab.example');
  let server: https.Server;
  let url = '';
  let connections = 0;
  let requests = 0;
  let bytesReceived = 0;
  let resumed = 0;
  beforeAll(async () => {
    server = https.createServer({ key: cert.keyPem, cert: cert.certPem, keepAlive: true }, (req, res) => {
      requests++;
      // Hold each answer briefly so concurrent requests overlap and must queue for a socket.
      setTimeout(() => res.end('ok'), 20);
    });
    server.on('secureConnection', (socket: Socket) => {
      connections++;
      if ((socket as import('node:tls').TLSSocket).isSessionReused()) resumed++;
      socket.on('data', (d: Buffer) => (bytesReceived += d.length));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const reset = () => {
    connections = 0;
    requests = 0;
    bytesReceived = 0;
    resumed = 0;
  };

  it('pins the leaf certificate and keeps a burst of requests within maxSockets', async () => {
    reset();
    const tls = createTlsAgent({ fingerprint: cert.fingerprint }, 'test');
    const answers = await Promise.all(Array.from({ length: 40 }, () => axios.get(url, { httpsAgent: tls.agent })));
    expect(answers.every((a) => a.data === 'ok')).toBe(true);
    expect(requests).toBe(40);
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(8);
    expect(tls.trust).toBe('pinned');
    expect(tls.peerCertificate()?.sha256).toBe(cert.fingerprint);
    tls.agent.destroy();
  });

  it('resumes the trusted session on later connections of the same target only', async () => {
    reset();
    const tls = createTlsAgent({ fingerprint: cert.fingerprint }, 'test', true, 4);
    await axios.get(url, { httpsAgent: tls.agent });
    await Promise.all(Array.from({ length: 8 }, () => axios.get(url, { httpsAgent: tls.agent })));
    expect(connections).toBe(4);
    expect(resumed).toBe(3);
    expect(tls.peerCertificate()?.sha256).toBe(cert.fingerprint);
    tls.agent.destroy();

    reset();
    const other = createTlsAgent({ fingerprint: cert.fingerprint }, 'other target');
    await axios.get(url, { httpsAgent: other.agent });
    expect([connections, resumed]).toEqual([1, 0]);
    other.agent.destroy();
  });

  it('never resumes a session whose certificate failed the pin', async () => {
    reset();
    const tls = createTlsAgent({ fingerprint: 'cd'.repeat(32) }, 'test', false);
    for (let i = 0; i < 3; i++)
      await expect(axios.get(url, { httpsAgent: tls.agent })).rejects.toThrow(/does not match the pinned/);
    expect(resumed).toBe(0);
    expect(requests).toBe(0);
    tls.agent.destroy();
  });

  it('refuses a wrong pin before any request byte reaches the server', async () => {
    reset();
    const tls = createTlsAgent({ fingerprint: 'ab'.repeat(32) }, 'esx01 (127.0.0.1)');
    const err = await axios
      .get(url, { httpsAgent: tls.agent, headers: { authorization: 'Basic c2VjcmV0' } })
      .catch((e: unknown) => e as Error);
    expect(String((err as Error).message)).toMatch(
      /esx01 \(127\.0\.0\.1\): server certificate SHA-256 [0-9a-f]{64} does not match the pinned tls.fingerprint/,
    );
    // Give the server a moment to read anything that might have been sent.
    await new Promise((r) => setTimeout(r, 50));
    expect(requests).toBe(0);
    expect(bytesReceived).toBe(0);
    tls.agent.destroy();
  });

  it('verifies against system CAs by default and against a CA file when given', async () => {
    reset();
    const byDefault = createTlsAgent(undefined, 'test');
    await expect(axios.get(url, { httpsAgent: byDefault.agent })).rejects.toThrow(/self[- ]signed/i);
    expect(requests).toBe(0);
    byDefault.agent.destroy();

    const dir = mkdtempSync(join(tmpdir(), 'hvscan-tls-'));
    writeFileSync(join(dir, 'ca.pem'), cert.certPem);
    const withCa = createTlsAgent({ caFile: join(dir, 'ca.pem') }, 'test');
    await expect(axios.get(url, { httpsAgent: withCa.agent })).resolves.toMatchObject({ data: 'ok' });
    expect(withCa.trust).toBe('ca');
    withCa.agent.destroy();
    expect(() => createTlsAgent({ caFile: join(dir, 'missing.pem') }, 'vc01')).toThrow(
      /vc01: tls.caFile: cannot read .*missing.pem \(ENOENT\)/,
    );
  });

  it('an untrusted certificate: the error shows its SHA-256 and how to pin it, and no request byte is sent', async () => {
    reset();
    const byDefault = createTlsAgent(undefined, 'esx01 (127.0.0.1:443)');
    const err = (await axios
      .get(url, { httpsAgent: byDefault.agent, headers: { authorization: 'Basic c2VjcmV0' } })
      .catch((e: unknown) => e)) as Error;
    const colons = colonFingerprint(cert.fingerprint);
    expect(colons).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(err.message).toContain(
      'esx01 (127.0.0.1:443): server certificate not trusted: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
    expect(err.message).toContain(`it has SHA-256 ${colons} (subject O=hvscan lab, CN=tls-test.lab.example`);
    expect(err.message).toContain(`"tls": { "fingerprint": "${colons}" }`);
    expect(err.message).toContain('hvscan trust');
    await new Promise((r) => setTimeout(r, 50));
    expect([requests, bytesReceived]).toEqual([0, 0]);
    byDefault.agent.destroy();
  });

  it('still checks the host name in CA mode', async () => {
    reset();
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-tls-'));
    writeFileSync(join(dir, 'ca.pem'), cert.certPem);
    const withCa = createTlsAgent({ caFile: join(dir, 'ca.pem') }, 'esx99');
    const { port } = new URL(url);
    const err = await new Promise<Error>((resolve) => {
      https
        .get({ agent: withCa.agent, host: '127.0.0.1', port, servername: 'esx99.example', path: '/' }, () =>
          resolve(new Error('answered')),
        )
        .on('error', resolve);
    });
    expect(err.message).toContain(
      'esx99: server certificate not trusted: the certificate does not name this host (ERR_TLS_CERT_ALTNAME_INVALID)',
    );
    expect(requests).toBe(0);
    withCa.agent.destroy();
  });

  it('accepts anything only when insecure is explicit, and says so', async () => {
    reset();
    const insecure = createTlsAgent({ insecure: true }, 'test');
    await expect(axios.get(url, { httpsAgent: insecure.agent })).resolves.toMatchObject({ data: 'ok' });
    expect(insecure.trust).toBe('insecure');
    insecure.agent.destroy();
  });
});
