import { describe, expect, it } from 'vitest';
import { md4 } from '../../connectors/hyperv/transport/winrm/ntlm/md4.js';
import { Rc4 } from '../../connectors/hyperv/transport/winrm/ntlm/rc4.js';
import { directionKeys, Flag, ntowfv2 } from '../../connectors/hyperv/transport/winrm/ntlm/keys.js';
import { NtlmClient } from '../../connectors/hyperv/transport/winrm/ntlm/client.js';
import { channelBindingFromEndPoint } from '../../connectors/hyperv/transport/winrm/ntlm/channel-binding.js';
import { decodeAuthenticate } from '../../connectors/hyperv/transport/winrm/ntlm/messages.js';
import { NtlmSessionSecurity } from '../../connectors/hyperv/transport/winrm/ntlm/session.js';
import { NtlmAcceptor } from '../../src/lab/hyperv/ntlm-acceptor.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('MD4 (RFC 1320 appendix A.5 test suite)', () => {
  it.each([
    ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
    ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
    ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
    ['message digest', 'd9130a8164549fe818874806e1c7014b'],
    ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
    ['1234567890'.repeat(8), 'e33b4ddc9c38f2199c3e7b164fcc0536'],
  ])('md4(%j)', (input, digest) => {
    expect(md4(Buffer.from(input, 'ascii')).toString('hex')).toBe(digest);
  });
});

describe('RC4 known vectors', () => {
  it.each([
    ['Key', 'Plaintext', 'bbf316e8d940af0ad3'],
    ['Wiki', 'pedia', '1021bf0420'],
    ['Secret', 'Attack at dawn', '45a01f645fc35b383552544b9bf5'],
  ])('key %s', (key, plain, cipher) => {
    expect(new Rc4(Buffer.from(key)).update(Buffer.from(plain)).toString('hex')).toBe(cipher);
  });

  it('keeps its keystream across calls (NTLM seals message then checksum from one stream)', () => {
    const whole = new Rc4(Buffer.from('Key')).update(Buffer.from('Plaintext'));
    const split = new Rc4(Buffer.from('Key'));
    expect(Buffer.concat([split.update(Buffer.from('Plain')), split.update(Buffer.from('text'))])).toEqual(whole);
  });
});

// MS-NLMP 4.2.1 common values and 4.2.4 NTLMv2 results (CHALLENGE_MESSAGE of 4.2.4.3, temp of 4.2.4.1.3).
const challengeMessage = hex(`
  4e544c4d53535000 02000000 03000c00 38000000 33828ae2 0123456789abcdef 0000000000000000 24002400 44000000
  060070170000000f 530065007200760065007200 02000c00 44006f006d00610069006e00 01000c00 530065007200760065007200 00000000`);
const temp = hex(`
  0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000
  02000c00 44006f006d00610069006e00 01000c00 530065007200760065007200 00000000 00000000`);

describe('NTLMv2 (MS-NLMP 4.2.4)', () => {
  it('NTOWFv2', () => {
    expect(ntowfv2('Password', 'User', 'Domain')).toEqual(hex('0c868a403bfd7a93a3001ef22ef02e3f'));
  });

  it('AUTHENTICATE responses, encrypted session key and sealing match the published values', () => {
    const client = new NtlmClient();
    client.negotiate();
    const { message, session } = client.authenticate(
      challengeMessage,
      { username: 'Domain\\User', password: 'Password' },
      {
        requireSessionSecurity: true,
        test: {
          clientChallenge: hex('aaaaaaaaaaaaaaaa'),
          exportedSessionKey: Buffer.alloc(16, 0x55),
          timestamp: Buffer.alloc(8),
        },
      },
    );
    const auth = decodeAuthenticate(message);
    expect(auth.user).toBe('User');
    expect(auth.domain).toBe('Domain');
    expect(auth.lmResponse).toEqual(hex('86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa'));
    expect(auth.ntResponse).toEqual(Buffer.concat([hex('68cd0ab851e51c96aabc927bebef6a1c'), temp]));
    expect(auth.encryptedRandomSessionKey).toEqual(hex('c5dad2544fc9799094ce1ce90bc9d03e'));
    const { sealed, signature } = session.wrap(Buffer.from('Plaintext', 'utf16le'));
    expect(sealed).toEqual(hex('54e50165bf1936dc996020c1811b0f06fb5f'));
    expect(signature).toEqual(hex('010000007fb38ec5c55d497600000000'));
  });

  it('derives the published SEALKEY and SIGNKEY', () => {
    const flags = Flag.EXTENDED_SESSIONSECURITY | Flag.KEY_128 | Flag.KEY_EXCH | Flag.SIGN | Flag.SEAL;
    const keys = directionKeys(flags, Buffer.alloc(16, 0x55), 'client-to-server');
    expect(keys.sealKey).toEqual(hex('59f600973cc4960a25480a7c196e4c58'));
    expect(keys.signKey).toEqual(hex('4788dc861b4782f35d43fd98fe1a2d39'));
  });
});

describe('channel binding (RFC 5929 tls-server-end-point in a gss_channel_bindings_struct)', () => {
  it('matches the value ntlm-auth computes for a certificate hash', () => {
    // ntlm-auth tests/unit/test_compute_response.py test_channel_bindings_value
    const certificateHash = hex('E3CA49271E5089CC48CE82109F1324F41DBEDDC29A777410C738F7868C4FF405');
    expect(channelBindingFromEndPoint(certificateHash)).toEqual(hex('6EA19DF066DA4622051F9C4F92C6DF74'));
  });
});

describe('client ↔ lab acceptor', () => {
  const passwords = (user: string) => (user.toLowerCase() === 'administrator' ? 'S3cret!' : undefined);

  function handshake(password: string) {
    const client = new NtlmClient();
    const acceptor = new NtlmAcceptor('HV01');
    const challenge = acceptor.challenge(client.negotiate());
    const step = client.authenticate(
      challenge,
      { username: 'HV01\\Administrator', password },
      { requireSessionSecurity: true },
    );
    return { step, result: acceptor.accept(step.message, passwords) };
  }

  it('authenticates with a MIC and seals both directions', () => {
    const { step, result } = handshake('S3cret!');
    if ('refused' in result) throw new Error(result.refused);
    expect(result.user).toBe('Administrator');
    for (const text of ['first <s:Envelope/>', 'second message']) {
      const up = step.session.wrap(Buffer.from(text));
      expect(result.session.unwrap(up.sealed, up.signature).toString()).toBe(text);
      const down = result.session.wrap(Buffer.from(text.toUpperCase()));
      expect(step.session.unwrap(down.sealed, down.signature).toString()).toBe(text.toUpperCase());
    }
  });

  it('refuses a channel binding made for another certificate', () => {
    const client = new NtlmClient();
    const acceptor = new NtlmAcceptor('HV01');
    const challenge = acceptor.challenge(client.negotiate());
    const step = client.authenticate(
      challenge,
      { username: 'Administrator', password: 'S3cret!' },
      { requireSessionSecurity: false, channelBinding: Buffer.alloc(16, 1) },
    );
    expect(acceptor.accept(step.message, passwords, Buffer.alloc(16, 2))).toEqual({
      refused: 'channel binding does not match this TLS certificate',
    });
  });

  it('refuses a wrong password', () => {
    expect(handshake('wrong').result).toEqual({ refused: 'wrong password' });
  });

  it('detects a tampered sealed message', () => {
    const { step, result } = handshake('S3cret!');
    if ('refused' in result) throw new Error(result.refused);
    const up = step.session.wrap(Buffer.from('payload'));
    up.sealed[0] ^= 1;
    expect(() => result.session.unwrap(up.sealed, up.signature)).toThrow(/signature/);
  });

  it('detects a replayed (out of sequence) message', () => {
    const a = new NtlmSessionSecurity(
      Flag.EXTENDED_SESSIONSECURITY | Flag.KEY_128 | Flag.KEY_EXCH | Flag.SIGN | Flag.SEAL,
      Buffer.alloc(16, 7),
      'client',
    );
    const b = new NtlmSessionSecurity(
      Flag.EXTENDED_SESSIONSECURITY | Flag.KEY_128 | Flag.KEY_EXCH | Flag.SIGN | Flag.SEAL,
      Buffer.alloc(16, 7),
      'server',
    );
    const first = a.wrap(Buffer.from('one'));
    b.unwrap(first.sealed, first.signature);
    expect(() => b.unwrap(first.sealed, first.signature)).toThrow();
  });
});
