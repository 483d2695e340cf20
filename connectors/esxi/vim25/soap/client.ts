import { CollectError, type CollectStep } from '../../../../src/core/connector/errors.js';
import { VimFault } from '../fault.js';
import type { HttpResponse } from '../http.js';
import { describeBody, TokenTransport, type WireRequest } from '../token-transport.js';
import { moRef, obj, str, type MoRef, type VimObject, type VimValue } from '../value.js';
import { decodeDocument, envelope } from './xml.js';

export const SOAP_COOKIE = 'vmware_soap_session';
/** Namespace version sent before the server's apiVersion is known; every supported host still serves it. */
const BOOTSTRAP_VERSION = '6.5';

/** vim25 over SOAP (`POST /sdk`); the session token is the `vmware_soap_session` cookie. */
export class SoapTransport extends TokenTransport {
  readonly protocol = 'vim25-soap' as const;
  protected readonly tokenHeader = 'Cookie';
  protected readonly noTokenAfterLogin = `Login succeeded but the server set no ${SOAP_COOKIE} cookie`;
  private version = BOOTSTRAP_VERSION;

  async retrieveServiceContent(): Promise<VimObject> {
    const content = obj(
      await this.call('RetrieveServiceContent', moRef('ServiceInstance', 'ServiceInstance'), {}, 'connect'),
    );
    if (!content || !obj(content.about)) {
      throw new CollectError('parse', `${this.http.where}: RetrieveServiceContent returned no service content`, {
        code: 'NOT_VSPHERE',
      });
    }
    const apiVersion = (content.about as VimObject).apiVersion;
    if (typeof apiVersion === 'string' && /^\d+(\.\d+)+$/.test(apiVersion)) this.version = apiVersion;
    return content;
  }

  protected encode(method: string, self: MoRef, args: Record<string, VimValue | undefined>): WireRequest {
    return {
      path: '/sdk',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `urn:vim25/${this.version}` },
      body: envelope(method, self, args),
    };
  }

  /** Keeps `vmware_soap_session=<value>` byte for byte (real hosts quote the value); the last one set wins. */
  protected tokenFrom(res: HttpResponse): string | undefined {
    const setCookie = res.headers['set-cookie'];
    let cookie: string | undefined;
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const pair = line.split(';')[0]!.trim();
      if (pair.startsWith(`${SOAP_COOKIE}=`)) cookie = pair;
    }
    return cookie;
  }

  protected decode(res: HttpResponse, method: string, step: CollectStep): VimValue | undefined {
    const where = this.http.where;
    const textBody = res.body.toString('utf8');
    if (res.status !== 200 && res.status !== 500) {
      throw new CollectError(
        step === 'auth' ? 'auth' : step,
        `${where}: ${method} answered HTTP ${res.status}${describeBody(res, textBody)}; not a vSphere SOAP endpoint`,
        { code: `HTTP_${res.status}` },
      );
    }
    let doc: { name: string; value: VimValue };
    try {
      doc = decodeDocument(textBody);
    } catch (err) {
      const looksHtml = /^\s*(<!doctype html|<html)/i.test(textBody) || /html/i.test(res.contentType);
      throw new CollectError(
        'parse',
        looksHtml
          ? `${where}: ${method} answered with an HTML page${describeBody(res, textBody)} instead of a SOAP envelope`
          : `${where}: ${method} response is not well-formed XML (${(err as Error).message}); truncated or corrupt`,
        { cause: err, code: looksHtml ? 'NOT_SOAP' : 'MALFORMED_XML' },
      );
    }
    const body = doc.name === 'Envelope' ? obj(obj(doc.value)?.Body) : undefined;
    const first = firstField(body);
    if (!first) {
      throw new CollectError('parse', `${where}: ${method} response has no SOAP Body${describeBody(res, textBody)}`, {
        code: 'NOT_SOAP',
      });
    }
    if (first[0] === 'Fault') throw readFault(obj(first[1]) ?? {});
    // The response element's name varies (vcsim answers FetchSoftwarePackagesResponse to fetchSoftwarePackages).
    return obj(first[1])?.returnval;
  }
}

/** The first child element of a decoded element (fields keep document order), its `_type` aside. */
function firstField(value: VimObject | undefined): [string, VimValue] | undefined {
  for (const key in value) if (key !== '_type') return [key, value[key]!];
  return undefined;
}

function readFault(fault: VimObject): VimFault {
  const faultString = String(fault.faultstring ?? '');
  const detailEntry = firstField(obj(fault.detail));
  if (!detailEntry) return new VimFault(String(fault.faultcode ?? 'ServerFaultCode'), faultString);
  const [elementName, value] = detailEntry;
  const detail = obj(value) ?? {};
  return new VimFault(str(detail._type) ?? elementName.replace(/Fault$/, ''), faultString, detail);
}
