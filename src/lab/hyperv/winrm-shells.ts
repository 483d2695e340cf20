import { randomUUID } from 'node:crypto';
import {
  ACTION,
  attr,
  NS,
  parseEnvelope,
  text,
  WSMAN_SHELL_QUOTA,
  WSMAN_TIMED_OUT,
} from '../../../connectors/hyperv/transport/winrm/wire.js';
import type { CollectorReply, CollectorRun } from './collector-responder.js';

/** How the simulated host misbehaves, for the bad-input tests. */
export interface WinrmMisbehaviour {
  /** Receive calls per command answered with the w:TimedOut fault before any output. */
  timedOutReceives?: number;
  /** Every Receive times out: the command never reaches Done. */
  neverDone?: boolean;
  /** The Receive carrying output is replaced: not XML, cut in half, a stream that is not base64, or `hugeBytes` of output. */
  receiveReply?: 'garbage' | 'truncated' | 'bad-base64' | 'huge';
  hugeBytes?: number;
  /** RelatesTo names another message. */
  wrongRelatesTo?: boolean;
  /** A WS-Man fault (HTTP 500) for one action. */
  faultOn?: { action: 'create' | 'command' | 'send' | 'receive'; code: string; subcode: string; message: string };
}

export interface ShellHostOptions extends WinrmMisbehaviour {
  computerName: string;
  respond: (run: CollectorRun) => CollectorReply;
  /** Commands that finish without reading stdin (pywinrm's run_ps): their reply, known as soon as they start. */
  respondAtStart?: (commandLine: string) => CollectorReply | undefined;
  /** How long a Receive with nothing to say waits before its w:TimedOut fault (Windows: OperationTimeout). */
  timedOutWaitMs: number;
  /** Concurrent shells per user before the quota fault (Windows: MaxShellsPerUser, 5 on 2008 R2, 30 later). */
  maxShellsPerUser: number;
  /** stdout bytes per Receive reply, so clients must loop. */
  chunkBytes: number;
}

interface Command {
  id: string;
  line: string;
  /**
   * WINRS_CONSOLEMODE_STDIN=TRUE: stdin is a console, which never reports end-of-file, so a process reading stdin to
   * its end (the bootstrap's [Console]::In.ReadToEnd()) never finishes. Pipe mode (FALSE) delivers the Send End as EOF.
   * Sources: MS-WSMV 3.1.4.11 (the option); Ansible's winrm connection turns console mode off whenever it pipes stdin.
   */
  consoleStdin: boolean;
  stdin: Buffer[];
  reply?: { stdout: Buffer; stderr: Buffer; exitCode: number; sent: number };
  timedOut: number;
}

interface Shell {
  id: string;
  user: string;
  options: Record<string, string>;
  commands: Map<string, Command>;
}

/** What the simulator saw, for assertions: every action in order and the shells still open. */
export interface ShellLog {
  actions: string[];
  shellOptions: Array<Record<string, string>>;
  commandLines: string[];
  /** The OptionSet of each Command request. */
  commandOptions: Array<Record<string, string>>;
  openShells: number;
}

export interface SoapReply {
  status: number;
  body: string;
  /** Hold the reply this long (a Receive timing out). */
  waitMs?: number;
}

const fault = (relatesTo: string, subcode: string, code: string, message: string): SoapReply => ({
  status: 500,
  body:
    `<s:Envelope xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:w="${NS.w}"><s:Header><a:Action>${NS.a}/fault</a:Action>` +
    `<a:MessageID>uuid:${randomUUID()}</a:MessageID><a:RelatesTo>${relatesTo}</a:RelatesTo></s:Header><s:Body><s:Fault>` +
    `<s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>${subcode}</s:Value></s:Subcode></s:Code>` +
    `<s:Reason><s:Text xml:lang="en-US">${message}</s:Text></s:Reason><s:Detail>` +
    `<f:WSManFault xmlns:f="${NS.f}" Code="${code}" Machine="lab"><f:Message>${message}</f:Message></f:WSManFault>` +
    `</s:Detail></s:Fault></s:Body></s:Envelope>`,
});

/** The cmd shell resource of one simulated host: Create, Command, Send, Receive, Signal, Delete. */
export class ShellHost {
  private readonly shells = new Map<string, Shell>();
  readonly log: ShellLog = { actions: [], shellOptions: [], commandLines: [], commandOptions: [], openShells: 0 };

  constructor(private readonly o: ShellHostOptions) {}

  handle(xml: string, user: string): SoapReply {
    const env = parseEnvelope(xml);
    const action = text(env.header.Action) ?? '';
    const messageId = text(env.header.MessageID) ?? '';
    const step = (Object.entries(ACTION).find(([, uri]) => uri === action)?.[0] ?? action) as keyof typeof ACTION;
    this.log.actions.push(step);
    const relatesTo = this.o.wrongRelatesTo ? `uuid:${randomUUID()}` : messageId;
    const ok = (responseAction: string, body: string): SoapReply => ({
      status: 200,
      body:
        `<s:Envelope xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:w="${NS.w}" xmlns:x="${NS.x}" xmlns:rsp="${NS.rsp}"><s:Header>` +
        `<a:Action>${responseAction}</a:Action><a:MessageID>uuid:${randomUUID()}</a:MessageID><a:To>${NS.a}/role/anonymous</a:To>` +
        `<a:RelatesTo>${relatesTo}</a:RelatesTo></s:Header><s:Body>${body}</s:Body></s:Envelope>`,
    });
    if (this.o.faultOn?.action === step)
      return fault(relatesTo, this.o.faultOn.subcode, this.o.faultOn.code, this.o.faultOn.message);

    const selectors =
      ((env.header.SelectorSet as Record<string, unknown> | undefined)?.Selector as unknown[] | undefined) ?? [];
    const shell = this.shells.get(text(selectors.find((s) => attr(s, 'Name') === 'ShellId')) ?? '');
    if (step === 'create') return this.create(env.header, user, relatesTo, ok);
    if (!shell || shell.user !== user)
      return fault(
        relatesTo,
        'w:InvalidSelectors',
        '2150858843',
        'The request for the Windows Remote Shell with ShellId failed because the shell was not found on the server.',
      );

    switch (step) {
      case 'command': {
        const line = text((env.body.CommandLine as Record<string, unknown> | undefined)?.Command) ?? '';
        const options = optionSet(env.header);
        const consoleStdin = options.WINRS_CONSOLEMODE_STDIN?.toUpperCase() === 'TRUE';
        const command: Command = { id: randomUUID().toUpperCase(), line, consoleStdin, stdin: [], timedOut: 0 };
        const early = this.o.respondAtStart?.(line);
        if (early)
          command.reply = {
            stdout: Buffer.from(early.stdout, 'utf8'),
            stderr: Buffer.from(early.stderr, 'utf8'),
            exitCode: early.exitCode,
            sent: 0,
          };
        shell.commands.set(command.id, command);
        this.log.commandLines.push(line);
        this.log.commandOptions.push(options);
        return ok(
          `${NS.rsp}/CommandResponse`,
          `<rsp:CommandResponse><rsp:CommandId>${command.id}</rsp:CommandId></rsp:CommandResponse>`,
        );
      }
      case 'send': {
        const stream = ((env.body.Send as Record<string, unknown> | undefined)?.Stream as unknown[] | undefined)?.[0];
        const command = shell.commands.get(attr(stream, 'CommandId') ?? '');
        if (!command) return fault(relatesTo, 'w:InvalidParameter', '2150858882', 'Unknown CommandId.');
        command.stdin.push(Buffer.from(text(stream) ?? '', 'base64'));
        if (attr(stream, 'End') === 'true' && !command.consoleStdin) {
          const reply = this.o.respond({ command: command.line, stdin: Buffer.concat(command.stdin).toString('utf8') });
          command.reply = {
            stdout: Buffer.from(reply.stdout, 'utf8'),
            stderr: Buffer.from(reply.stderr, 'utf8'),
            exitCode: reply.exitCode,
            sent: 0,
          };
        }
        return ok(`${NS.rsp}/SendResponse`, `<rsp:SendResponse/>`);
      }
      case 'receive':
        return this.receive(shell, env.body, relatesTo, ok);
      case 'signal':
        return ok(`${NS.rsp}/SignalResponse`, `<rsp:SignalResponse/>`);
      case 'delete':
        this.shells.delete(shell.id);
        this.log.openShells = this.shells.size;
        return ok(`${NS.x}/DeleteResponse`, '');
      default:
        return fault(relatesTo, 'a:ActionNotSupported', '2150858771', 'The action is not supported by the service.');
    }
  }

  private create(
    header: Record<string, unknown>,
    user: string,
    relatesTo: string,
    ok: (a: string, b: string) => SoapReply,
  ): SoapReply {
    const mine = [...this.shells.values()].filter((s) => s.user === user).length;
    if (mine >= this.o.maxShellsPerUser) {
      return fault(
        relatesTo,
        'w:InternalError',
        WSMAN_SHELL_QUOTA,
        `The WS-Management service cannot process the request. This user is allowed a maximum number of ${this.o.maxShellsPerUser} concurrent shells, which has been exceeded. Close existing shells or raise the quota for this user.`,
      );
    }
    const options = optionSet(header);
    const shell: Shell = { id: randomUUID().toUpperCase(), user, options, commands: new Map() };
    this.shells.set(shell.id, shell);
    this.log.shellOptions.push(options);
    this.log.openShells = this.shells.size;
    return ok(
      `${NS.x}/CreateResponse`,
      `<x:ResourceCreated><a:Address>http://${this.o.computerName}:5985/wsman</a:Address><a:ReferenceParameters>` +
        `<w:ResourceURI>${NS.rsp}/cmd</w:ResourceURI><w:SelectorSet><w:Selector Name="ShellId">${shell.id}</w:Selector></w:SelectorSet>` +
        `</a:ReferenceParameters></x:ResourceCreated><rsp:Shell><rsp:ShellId>${shell.id}</rsp:ShellId><rsp:Owner>${user}</rsp:Owner></rsp:Shell>`,
    );
  }

  private receive(
    shell: Shell,
    body: Record<string, unknown>,
    relatesTo: string,
    ok: (a: string, b: string) => SoapReply,
  ): SoapReply {
    const desired = (body.Receive as Record<string, unknown> | undefined)?.DesiredStream;
    const command = shell.commands.get(attr(desired, 'CommandId') ?? '');
    if (!command) return fault(relatesTo, 'w:InvalidParameter', '2150858882', 'Unknown CommandId.');
    const timeout = () => ({
      ...fault(
        relatesTo,
        'w:TimedOut',
        WSMAN_TIMED_OUT,
        'The WS-Management service cannot complete the operation within the time specified in OperationTimeout.',
      ),
      waitMs: this.o.timedOutWaitMs,
    });
    if (this.o.neverDone || !command.reply) return timeout();
    if (command.timedOut < (this.o.timedOutReceives ?? 0)) {
      command.timedOut++;
      return timeout();
    }
    const r = command.reply;
    const id = command.id;
    const streams = (stdout: string, stderr = '') =>
      `<rsp:Stream Name="stdout" CommandId="${id}">${stdout}</rsp:Stream><rsp:Stream Name="stderr" CommandId="${id}">${stderr}</rsp:Stream>`;
    if (this.o.receiveReply === 'garbage')
      return { status: 200, body: 'HTTP/1.1 200 OK\r\n\u0000\u0001 not xml at all' };
    if (this.o.receiveReply === 'bad-base64')
      return ok(`${NS.rsp}/ReceiveResponse`, `<rsp:ReceiveResponse>${streams('@@not base64@@')}</rsp:ReceiveResponse>`);
    if (this.o.receiveReply === 'huge') {
      const huge = Buffer.alloc(this.o.hugeBytes ?? 50 * 1024 * 1024, 0x41).toString('base64');
      return ok(`${NS.rsp}/ReceiveResponse`, `<rsp:ReceiveResponse>${streams(huge)}</rsp:ReceiveResponse>`);
    }
    const chunk = r.stdout.subarray(r.sent, r.sent + this.o.chunkBytes);
    r.sent += chunk.length;
    const done = r.sent >= r.stdout.length;
    const state = done
      ? `<rsp:CommandState CommandId="${id}" State="${NS.rsp}/CommandState/Done"><rsp:ExitCode>${r.exitCode}</rsp:ExitCode></rsp:CommandState>`
      : `<rsp:CommandState CommandId="${id}" State="${NS.rsp}/CommandState/Running"/>`;
    const reply = ok(
      `${NS.rsp}/ReceiveResponse`,
      `<rsp:ReceiveResponse>${streams(chunk.toString('base64'), done ? r.stderr.toString('base64') : '')}${state}</rsp:ReceiveResponse>`,
    );
    if (this.o.receiveReply === 'truncated')
      return { status: 200, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) };
    return reply;
  }
}

/** A request's w:OptionSet as name → value. */
function optionSet(header: Record<string, unknown>): Record<string, string> {
  const options: Record<string, string> = {};
  const raw = (header.OptionSet as Record<string, unknown> | undefined)?.Option;
  for (const o of raw === undefined ? [] : [raw].flat()) {
    options[attr(o, 'Name') ?? ''] = text(o) ?? '';
  }
  return options;
}
