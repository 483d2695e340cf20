import { describe, expect, it } from 'vitest';
import { buildRequest, body, parseEnvelope, parseFault, text } from '../../connectors/hyperv/transport/winrm/soap.js';
import { runInShell } from '../../connectors/hyperv/transport/winrm/shell.js';
import type { WinrmTransport } from '../../connectors/hyperv/transport/winrm/transport.js';

const NS =
  'xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell"';
const reply = (relatesTo: string, bodyXml: string) =>
  `<?xml version="1.0" ?><s:Envelope xml:lang="en-US" ${NS}><s:Header><a:RelatesTo>${relatesTo}</a:RelatesTo></s:Header><s:Body>${bodyXml}</s:Body></s:Envelope>`;

/** Answers each request with a Windows-shaped reply (shapes as in pywinrm's and masterzen's recorded fixtures). */
function scriptedTransport(answers: Array<(relatesTo: string) => { status: number; xml: string }>) {
  const seen: string[] = [];
  const transport = {
    async post(xml: string) {
      const env = parseEnvelope(xml);
      seen.push(text(env.header.Action)!.split('/').pop()!);
      const next = answers.shift();
      if (!next) throw new Error('no more scripted replies');
      return next(text(env.header.MessageID)!);
    },
  } as unknown as WinrmTransport;
  return { transport, seen };
}

describe('WS-Man envelopes', () => {
  it('gives every request a fresh uuid MessageID and escapes the command line', () => {
    const a = buildRequest({
      action: 'x',
      to: 'https://h:5986/wsman',
      operationTimeoutSeconds: 20,
      body: body.command('cmd /c "a & b" <c>'),
    });
    const b = buildRequest({ action: 'x', to: 'https://h:5986/wsman', operationTimeoutSeconds: 20, body: '' });
    expect(a.messageId).toMatch(/^uuid:[0-9A-F-]{36}$/);
    expect(a.messageId).not.toBe(b.messageId);
    const env = parseEnvelope(a.xml);
    expect(text((env.body.CommandLine as Record<string, unknown>).Command)).toBe('cmd /c "a & b" <c>');
    expect(text(env.header.OperationTimeout)).toBe('PT20S');
  });

  it('reads a WS-Man fault: subcode, reason, WSManFault code', () => {
    const xml = reply(
      'uuid:1',
      `<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>w:TimedOut</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">The WS-Management service cannot complete the operation within the time specified in OperationTimeout.  </s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150858793" Machine="hv01"><f:Message>timed out</f:Message></f:WSManFault></s:Detail></s:Fault>`,
    );
    expect(parseFault(parseEnvelope(xml))).toEqual({
      code: 's:Receiver',
      subcode: 'w:TimedOut',
      reason: 'The WS-Management service cannot complete the operation within the time specified in OperationTimeout.',
      wsmanCode: '2150858793',
      message: 'timed out',
    });
  });
});

describe('shell sequence against Windows-shaped replies', () => {
  it('takes the ShellId from the ResourceCreated selector and joins several stdout streams', async () => {
    const id = 'CMD-1';
    const { transport, seen } = scriptedTransport([
      (r) => ({
        status: 200,
        xml: reply(
          r,
          `<x:ResourceCreated><a:ReferenceParameters><w:SelectorSet><w:Selector Name="ShellId">SHELL-1</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>`,
        ),
      }),
      (r) => ({
        status: 200,
        xml: reply(r, `<rsp:CommandResponse><rsp:CommandId>${id}</rsp:CommandId></rsp:CommandResponse>`),
      }),
      (r) => ({ status: 200, xml: reply(r, `<rsp:SendResponse/>`) }),
      (r) => ({
        status: 200,
        xml: reply(
          r,
          `<rsp:ReceiveResponse><rsp:Stream Name="stdout" CommandId="${id}">${Buffer.from('hello ').toString('base64')}</rsp:Stream><rsp:Stream Name="stdout" CommandId="${id}">${Buffer.from('world').toString('base64')}</rsp:Stream><rsp:Stream Name="stderr" CommandId="${id}" End="true"></rsp:Stream><rsp:CommandState CommandId="${id}" State="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done"><rsp:ExitCode>3</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>`,
        ),
      }),
      (r) => ({ status: 200, xml: reply(r, `<rsp:SignalResponse/>`) }),
      (r) => ({ status: 200, xml: reply(r, '') }),
    ]);
    const result = await runInShell({
      transport,
      to: 'http://h:5985/wsman',
      where: 'host t',
      command: 'x',
      stdin: 'in',
      signal: new AbortController().signal,
      operationTimeoutSeconds: 20,
      maxOutputBytes: 1000,
      cleanupTimeoutMs: 1000,
    });
    expect(result).toEqual({ stdout: 'hello world', stderr: '', exitCode: 3 });
    expect(seen).toEqual(['Create', 'Command', 'Send', 'Receive', 'Signal', 'Delete']);
  });
});
