import type { VimObject } from './value.js';

/** A vSphere fault from the server (SOAP Fault detail or VI/JSON 500 body), named by its WSDL type. */
export class VimFault extends Error {
  readonly faultName: string;
  readonly detail: VimObject;
  constructor(faultName: string, message: string, detail: VimObject = {}, cause?: unknown) {
    super(message ? `${faultName}: ${message}` : faultName, { cause });
    this.name = 'VimFault';
    this.faultName = faultName;
    this.detail = detail;
  }
}

/** True when `err`, a wrapped cause of it, or a nested faultCause is the named vim fault. */
export function isVimFault(err: unknown, name: string): err is VimFault {
  for (let e: unknown = err, depth = 0; e && depth < 8; depth++) {
    if (e instanceof VimFault) {
      if (e.faultName === name) return true;
      const nested = e.detail.faultCause as VimObject | undefined;
      if (nested && typeof nested === 'object' && nested._type === name) return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The `name` an InvalidProperty fault carries (on the fault itself or on a nested faultCause). */
export function invalidPropertyName(err: VimFault): string | undefined {
  const cause = err.detail.faultCause as VimObject | undefined;
  const name =
    err.faultName === 'InvalidProperty' ? err.detail.name : cause?._type === 'InvalidProperty' ? cause.name : undefined;
  return typeof name === 'string' ? name : undefined;
}
