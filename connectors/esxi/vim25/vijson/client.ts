import { CollectError, type CollectStep } from '../../../../src/core/connector/errors.js';
import { parseHostJson } from '../../../json.js';
import { VimFault } from '../fault.js';
import type { HttpEndpoint, HttpResponse } from '../http.js';
import { obj, objects, str, type MoRef, type VimObject, type VimValue } from '../value.js';
import { describeBody, TokenTransport, type WireRequest } from '../token-transport.js';
import { fromJson, toJson } from './codec.js';

export const JSON_SESSION_HEADER = 'vmware-api-session-id';

/** VI/JSON releases start at 8.0.1.0; apiVersion "8.0.2.0" and "8.0.2" both name one. */
export function viJsonRelease(apiVersion: string | undefined): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?$/.exec(apiVersion ?? '');
  if (!m) return undefined;
  const parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  const atLeast801 = parts[0]! > 8 || (parts[0] === 8 && (parts[1]! > 0 || parts[2]! >= 1));
  return atLeast801 ? parts.join('.') : undefined;
}

/** vim25 over JSON (`/sdk/vim25/{release}/{type}/{moId}/{method}`), vCenter 8.0 U1 and later. */
export class ViJsonTransport extends TokenTransport {
  readonly protocol = 'vi-json' as const;
  protected readonly tokenHeader = JSON_SESSION_HEADER;
  protected readonly noTokenAfterLogin = `VI/JSON Login set no ${JSON_SESSION_HEADER} header`;

  constructor(
    http: HttpEndpoint,
    readonly release: string,
  ) {
    super(http);
  }

  private path(type: string, id: string, member: string): string {
    return `/sdk/vim25/${this.release}/${encodeURIComponent(type)}/${encodeURIComponent(id)}/${member}`;
  }

  async retrieveServiceContent(): Promise<VimObject> {
    const res = await this.http.send({
      method: 'GET',
      path: this.path('ServiceInstance', 'ServiceInstance', 'content'),
      what: 'VI/JSON content',
      step: 'connect',
    });
    return obj(this.decode(res, 'VI/JSON content', 'connect')) ?? {};
  }

  protected encode(method: string, self: MoRef, args: Record<string, VimValue | undefined>): WireRequest {
    return {
      path: this.path(self.type, self.value, method),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(toJson(args)),
    };
  }

  protected tokenFrom(res: HttpResponse): string | undefined {
    const token = res.headers[JSON_SESSION_HEADER];
    return typeof token === 'string' && token ? token : undefined;
  }

  protected decode(res: HttpResponse, what: string, step: CollectStep): VimValue | undefined {
    const where = this.http.where;
    if (res.status === 204 || (res.status < 300 && res.body.length === 0)) return undefined;
    const text = res.body.toString('utf8');
    if (!/json/i.test(res.contentType)) {
      throw new CollectError(
        res.status < 300 || res.status === 500 ? 'parse' : step,
        `${where}: ${what} answered HTTP ${res.status}${describeBody(res, text)}; expected VI/JSON`,
        { code: `HTTP_${res.status}` },
      );
    }
    let value: VimValue | undefined;
    try {
      value = fromJson(parseHostJson(text));
    } catch (err) {
      throw new CollectError('parse', `${where}: ${what} response is not valid JSON (${(err as Error).message})`, {
        cause: err,
        code: 'MALFORMED_JSON',
      });
    }
    if (res.status === 500) {
      const fault = obj(value) ?? {};
      throw new VimFault(String(fault._type ?? 'ServerFault'), faultText(fault), fault);
    }
    if (res.status >= 300)
      throw new CollectError(step, `${where}: ${what} answered HTTP ${res.status}${describeBody(res, text)}`, {
        code: `HTTP_${res.status}`,
      });
    return value;
  }
}

/**
 * A VI/JSON fault's text: MethodFault.faultMessage, an array of LocalizableMessage whose `message` is the text and
 * `key` the catalogue key (developer.broadcom.com virtual-infrastructure-json-api data-structures/VimFault); there is
 * no faultstring as in SOAP.
 */
export function faultText(fault: VimObject): string {
  const messages = objects(fault.faultMessage)
    .map((m) => str(m.message) ?? str(m.key))
    .filter((m): m is string => !!m);
  return messages.join('; ');
}

/**
 * Detects VI/JSON: only on a vCenter whose apiVersion is >= 8.0.1, and only when the unauthenticated content
 * endpoint really answers with JSON. Anything else (404, HTML, a fault) means "use SOAP".
 */
export async function probeViJson(
  http: HttpEndpoint,
  apiVersion: string | undefined,
): Promise<{ transport: ViJsonTransport; content: VimObject } | undefined> {
  const release = viJsonRelease(apiVersion);
  if (!release) return undefined;
  const transport = new ViJsonTransport(http, release);
  try {
    const content = await transport.retrieveServiceContent();
    return obj(content.about) && content.sessionManager ? { transport, content } : undefined;
  } catch (err) {
    if (err instanceof CollectError && (err.step === 'aborted' || err.step === 'timeout' || err.step === 'tls'))
      throw err;
    return undefined;
  }
}
