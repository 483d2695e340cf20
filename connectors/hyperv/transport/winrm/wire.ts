/**
 * The WinRM wire in public: what a WS-Management peer needs to speak to hvscan's client byte for byte (NTLM messages,
 * keys, RC4 and session security, the channel-binding hash, the SPNEGO-less encryption framing, the SOAP envelope).
 * The client imports its own files; the lab's WinRM host (src/lab/hyperv) imports only this module, so the rest of
 * the transport can change without the simulator reaching into it (eslint.config.js enforces that).
 */
export { decryptMessage, ENCRYPTED_CONTENT_TYPE, encryptMessage, isEncryptedContentType } from './encryption.js';
export { channelBindingHash } from './ntlm/channel-binding.js';
export { Flag, fileTimeNow, hmacMd5, ntlmv2Proof, ntowfv2 } from './ntlm/keys.js';
export {
  AV_FLAG_MIC,
  AvId,
  decodeAuthenticate,
  decodeAvPairs,
  decodeNegotiate,
  encodeAvPairs,
  encodeChallenge,
  MIC_OFFSET,
} from './ntlm/messages.js';
export { Rc4 } from './ntlm/rc4.js';
export { NtlmSessionSecurity } from './ntlm/session.js';
export { ACTION, attr, NS, parseEnvelope, text, WSMAN_SHELL_QUOTA, WSMAN_TIMED_OUT } from './soap.js';
