import { randomUUID } from 'node:crypto';
import { readXml } from '../../../xml.js';
import { escapeXml } from '../../../../src/core/text/escape.js';

/** WS-Management SOAP for the Windows cmd shell (MS-WSMV 3.1.4): request envelopes and response parsing. */

export const NS = {
  s: 'http://www.w3.org/2003/05/soap-envelope',
  a: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  w: 'http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd',
  p: 'http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd',
  rsp: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell',
  x: 'http://schemas.xmlsoap.org/ws/2004/09/transfer',
  f: 'http://schemas.microsoft.com/wbem/wsman/1/wsmanfault',
} as const;

export const ACTION = {
  create: `${NS.x}/Create`,
  delete: `${NS.x}/Delete`,
  command: `${NS.rsp}/Command`,
  send: `${NS.rsp}/Send`,
  receive: `${NS.rsp}/Receive`,
  signal: `${NS.rsp}/Signal`,
} as const;

export const SHELL_RESOURCE = `${NS.rsp}/cmd`;
export const SIGNAL_TERMINATE = `${NS.rsp}/signal/terminate`;
/** w:TimedOut on Receive: no output within OperationTimeout; not an error, Receive again. */
export const WSMAN_TIMED_OUT = '2150858793';
/** "This user is allowed a maximum number of N concurrent shells". */
export const WSMAN_SHELL_QUOTA = '2150859173';
export const MAX_ENVELOPE_BYTES = 153600;

export interface RequestParts {
  action: string;
  to: string;
  operationTimeoutSeconds: number;
  shellId?: string;
  options?: Record<string, string>;
  body: string;
}

/** Builds a request; returns the XML and its fresh MessageID, which the response's RelatesTo must echo. */
export function buildRequest(parts: RequestParts): { xml: string; messageId: string } {
  const messageId = `uuid:${randomUUID().toUpperCase()}`;
  const selector = parts.shellId
    ? `<w:SelectorSet><w:Selector Name="ShellId">${escapeXml(parts.shellId)}</w:Selector></w:SelectorSet>`
    : '';
  const options = parts.options
    ? `<w:OptionSet>${Object.entries(parts.options)
        .map(([name, value]) => `<w:Option Name="${escapeXml(name)}">${escapeXml(value)}</w:Option>`)
        .join('')}</w:OptionSet>`
    : '';
  const xml =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:w="${NS.w}" xmlns:p="${NS.p}" xmlns:rsp="${NS.rsp}">` +
    `<s:Header><a:To>${escapeXml(parts.to)}</a:To>` +
    `<a:ReplyTo><a:Address s:mustUnderstand="true">${NS.a}/role/anonymous</a:Address></a:ReplyTo>` +
    `<w:MaxEnvelopeSize s:mustUnderstand="true">${MAX_ENVELOPE_BYTES}</w:MaxEnvelopeSize>` +
    `<a:MessageID>${messageId}</a:MessageID>` +
    `<w:Locale xml:lang="en-US" s:mustUnderstand="false"/><p:DataLocale xml:lang="en-US" s:mustUnderstand="false"/>` +
    `<w:OperationTimeout>PT${parts.operationTimeoutSeconds}S</w:OperationTimeout>` +
    `<w:ResourceURI s:mustUnderstand="true">${SHELL_RESOURCE}</w:ResourceURI>` +
    `<a:Action s:mustUnderstand="true">${parts.action}</a:Action>${selector}${options}</s:Header>` +
    `<s:Body>${parts.body}</s:Body></s:Envelope>`;
  return { xml, messageId };
}

export const body = {
  createShell: () =>
    `<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>`,
  command: (command: string) => `<rsp:CommandLine><rsp:Command>${escapeXml(command)}</rsp:Command></rsp:CommandLine>`,
  /** `chunkBase64`: the stdin bytes, base64-encoded (stdinChunks in shell.ts). */
  send: (commandId: string, chunkBase64: string, end: boolean) =>
    `<rsp:Send><rsp:Stream Name="stdin" CommandId="${escapeXml(commandId)}"${end ? ' End="true"' : ''}>${chunkBase64}</rsp:Stream></rsp:Send>`,
  receive: (commandId: string) =>
    `<rsp:Receive><rsp:DesiredStream CommandId="${escapeXml(commandId)}">stdout stderr</rsp:DesiredStream></rsp:Receive>`,
  signal: (commandId: string) =>
    `<rsp:Signal CommandId="${escapeXml(commandId)}"><rsp:Code>${SIGNAL_TERMINATE}</rsp:Code></rsp:Signal>`,
};

const WSMAN_XML = { attributePrefix: '@', removeNsPrefix: true, alwaysArray: new Set(['Stream', 'Selector']) };

/** Text of an element as readXml yields it: a string, or an object with '@attr' keys and '#text'. */
export function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String((node as Record<string, unknown>)['#text']);
  return undefined;
}

export function attr(node: unknown, name: string): string | undefined {
  if (node && typeof node === 'object') {
    const v = (node as Record<string, unknown>)['@' + name];
    return v === undefined ? undefined : String(v);
  }
  return undefined;
}

export interface Envelope {
  header: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** Parses a SOAP envelope; throws when the document is not well-formed XML (truncated, garbage) or not an envelope. */
export function parseEnvelope(xml: string): Envelope {
  let doc: Record<string, unknown>;
  try {
    doc = readXml(xml, WSMAN_XML);
  } catch (err) {
    throw new Error(`malformed XML: ${(err as Error).message}`, { cause: err });
  }
  const env = doc.Envelope as Record<string, unknown> | undefined;
  if (!env || typeof env !== 'object') throw new Error('not a SOAP envelope');
  const header = (env.Header && typeof env.Header === 'object' ? env.Header : {}) as Record<string, unknown>;
  const bodyNode = (env.Body && typeof env.Body === 'object' ? env.Body : {}) as Record<string, unknown>;
  return { header, body: bodyNode };
}

export interface WsmanFault {
  code?: string;
  subcode?: string;
  reason?: string;
  wsmanCode?: string;
  message?: string;
}

export function parseFault(env: Envelope): WsmanFault | undefined {
  const fault = env.body.Fault as Record<string, unknown> | undefined;
  if (!fault) return undefined;
  const code = fault.Code as Record<string, unknown> | undefined;
  const subcode = code?.Subcode as Record<string, unknown> | undefined;
  const reason = fault.Reason as Record<string, unknown> | undefined;
  const detail = fault.Detail as Record<string, unknown> | undefined;
  const wsman = detail?.WSManFault as Record<string, unknown> | undefined;
  return {
    code: text(code?.Value),
    subcode: text(subcode?.Value),
    reason: text(reason?.Text)?.trim(),
    wsmanCode: attr(wsman, 'Code'),
    message: text(wsman?.Message)?.trim(),
  };
}
