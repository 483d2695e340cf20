/** Escapes text for HTML element content and quoted attribute values; every host-supplied string goes through it. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, () => "\uFFFD");
}

const XML_SPECIAL = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/**
 * Escapes text for XML 1.0 (JUnit, the SOAP bodies the connectors send and the lab answers): also replaces characters
 * XML cannot carry at all. Text without a special character comes back as it is (the SOAP encoders call this for
 * every value).
 */
export function escapeXml(value: unknown): string {
  const text = String(value ?? '');
  if (!XML_SPECIAL.test(text)) return text;
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
