import type { Arg, SoapFault } from './soap-codec.js';
import { moref, MoRef } from './values.js';

/**
 * vim25 faults as hosts send them (type, faultstring, detail fields). InvalidLogin, NotAuthenticated and InvalidArgument
 * strings are the ones real hosts and vcsim print; the others keep the real detail shape, their text is our own.
 */
export class VimFault extends Error {
  constructor(readonly fault: SoapFault) {
    super(fault.message);
  }
}

export const invalidLogin = () =>
  new VimFault({ type: 'InvalidLogin', message: 'Cannot complete login due to an incorrect user name or password.' });

export const notAuthenticated = (sessionManager: MoRef) =>
  new VimFault({
    type: 'NotAuthenticated',
    message: 'The session is not authenticated.',
    fields: { object: sessionManager, privilegeId: 'System.View' },
  });

export const managedObjectNotFound = (ref: MoRef) =>
  new VimFault({
    type: 'ManagedObjectNotFound',
    message: `The object 'vim.${ref.type}:${ref.value}' has already been deleted or has not been completely created`,
    fields: { obj: ref },
  });

export const methodNotFound = (ref: MoRef, method: string) =>
  new VimFault({
    type: 'MethodNotFound',
    message: `Method ${method} is not implemented by ${ref.type}:${ref.value}`,
    fields: { receiver: ref, method },
  });

export const invalidName = (name: string, entity?: MoRef) =>
  new VimFault({ type: 'InvalidName', message: `Invalid name: ${name}`, fields: { name, entity } });

export const restrictedVersion = () =>
  new VimFault({
    type: 'RestrictedVersion',
    message: 'Current license or ESXi version prohibits execution of the requested operation.',
  });

export const invalidProperty = (name: string) =>
  new VimFault({ type: 'InvalidProperty', message: '', fields: { name } });

export const invalidArgument = (property: string) =>
  new VimFault({
    type: 'InvalidArgument',
    message: `A specified parameter was not correct: ${property}`,
    fields: { invalidProperty: property },
  });

export const invalidRequest = (message: string) =>
  new VimFault({ type: 'InvalidRequest', message, code: 'ClientFaultCode' });

// Request argument readers: SOAP gives strings, VI/JSON gives typed values; both land here.

export function asArray(value: Arg | Arg[] | undefined): Arg[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function argString(value: Arg | Arg[] | undefined): string | undefined {
  if (value === undefined || value === null || Array.isArray(value)) return undefined;
  if (typeof value === 'object') return value._value === undefined ? undefined : String(value._value);
  return String(value);
}

export function argNumber(value: Arg | Arg[] | undefined): number | undefined {
  const s = argString(value);
  return s === undefined || s === '' ? undefined : Number(s);
}

export function argBool(value: Arg | Arg[] | undefined): boolean {
  const v = value as unknown;
  return v === true || v === 'true' || v === '1';
}

export function argMoRef(value: Arg | Arg[] | undefined, what: string): MoRef {
  const v = value as { type?: unknown; value?: unknown } | undefined;
  if (!v || typeof v !== 'object' || typeof v.type !== 'string' || typeof v.value !== 'string')
    throw invalidArgument(what);
  return moref(v.type, v.value);
}
