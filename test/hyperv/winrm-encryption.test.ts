import { describe, expect, it } from 'vitest';
import { decryptMessage, encryptMessage } from '../../connectors/hyperv/transport/winrm/encryption.js';
import { NtlmSessionSecurity } from '../../connectors/hyperv/transport/winrm/ntlm/session.js';

/**
 * Golden bodies produced by pywinrm 0.3.0 (winrm/encryption.py, Encryption._encrypt_message) over ntlm-auth 1.4.0
 * SessionSecurity, flags 0xE28A8235 (sign, seal, extended session security, key exchange, 128-bit), exported
 * session key 0x11 × 16. RC4 and HMAC-MD5 are deterministic, so our framing and sealing must match byte for byte.
 */
const FLAGS = 0xe28a8235;
const KEY = Buffer.alloc(16, 0x11);
const ENVELOPE = '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>ping</s:Body></s:Envelope>';
const PYWINRM_CLIENT_BODY = Buffer.from(
  'LS1FbmNyeXB0ZWQgQm91bmRhcnkNCglDb250ZW50LVR5cGU6IGFwcGxpY2F0aW9uL0hUVFAtU1BORUdPLXNlc3Npb24tZW5jcnlwdGVkDQoJT3JpZ2luYWxDb250ZW50OiB0eXBlPWFwcGxpY2F0aW9uL3NvYXAreG1sO2NoYXJzZXQ9VVRGLTg7TGVuZ3RoPTk2DQotLUVuY3J5cHRlZCBCb3VuZGFyeQ0KCUNvbnRlbnQtVHlwZTogYXBwbGljYXRpb24vb2N0ZXQtc3RyZWFtDQoQAAAAAQAAAFRzd0v5It8iAAAAACItXU+NVTRBqWLibr1zH4VsJq+oOPmDJ/P5C/mATr+2sw3BW0CxmzSdHTSSav8+LnPQHsB3+Y+y1fif5kj9bbs8SDvXBUbvW5Ci1itPc4rEKEUgj0ZtvCl+pDtk+gyMhS0tRW5jcnlwdGVkIEJvdW5kYXJ5LS0NCg==',
  'base64',
);
/** A server-sealed "pong" in the framing pywinrm's _decrypt_response parses. */
const SERVER_BODY = Buffer.from(
  'LS1FbmNyeXB0ZWQgQm91bmRhcnkNCglDb250ZW50LVR5cGU6IGFwcGxpY2F0aW9uL0hUVFAtU1BORUdPLXNlc3Npb24tZW5jcnlwdGVkDQoJT3JpZ2luYWxDb250ZW50OiB0eXBlPWFwcGxpY2F0aW9uL3NvYXAreG1sO2NoYXJzZXQ9VVRGLTg7TGVuZ3RoPTQNCi0tRW5jcnlwdGVkIEJvdW5kYXJ5DQoJQ29udGVudC1UeXBlOiBhcHBsaWNhdGlvbi9vY3RldC1zdHJlYW0NChAAAAABAAAAUFKWwVq8uYMAAAAAAln03i0tRW5jcnlwdGVkIEJvdW5kYXJ5LS0NCg==',
  'base64',
);

const session = (role: 'client' | 'server') => new NtlmSessionSecurity(FLAGS, KEY, role);

describe('WinRM NTLM message encryption (MS-WSMV 2.2.9.1.1) matches pywinrm', () => {
  it('seals a request exactly as pywinrm does', () => {
    expect(encryptMessage(Buffer.from(ENVELOPE), session('client'))).toEqual(PYWINRM_CLIENT_BODY);
  });

  it('opens a pywinrm-sealed request on the server side', () => {
    expect(decryptMessage(PYWINRM_CLIENT_BODY, session('server')).toString()).toBe(ENVELOPE);
  });

  it('seals and opens a server reply', () => {
    expect(encryptMessage(Buffer.from('pong'), session('server'))).toEqual(SERVER_BODY);
    expect(decryptMessage(SERVER_BODY, session('client')).toString()).toBe('pong');
  });

  it('refuses a body whose declared length does not match', () => {
    const tampered = Buffer.from(PYWINRM_CLIENT_BODY.toString('latin1').replace('Length=96', 'Length=95'), 'latin1');
    expect(() => decryptMessage(tampered, session('server'))).toThrow(/length does not match/);
  });

  it('refuses a flipped ciphertext bit and a truncated body', () => {
    const flipped = Buffer.from(PYWINRM_CLIENT_BODY);
    flipped[flipped.length - 40] ^= 0x01;
    expect(() => decryptMessage(flipped, session('server'))).toThrow(/signature/);
    expect(() => decryptMessage(PYWINRM_CLIENT_BODY.subarray(0, 200), session('server'))).toThrow();
  });
});
