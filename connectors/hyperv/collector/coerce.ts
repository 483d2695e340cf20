import { z } from 'zod';

/**
 * Tolerant readers for what ConvertTo-Json produces on Windows PowerShell 4.0/5.1 and PowerShell 7
 * (reference hyperv-collection.md §2). The collector already casts enums and dates to strings and wraps arrays in @(),
 * so these only matter when a host's PowerShell does something the script did not foresee.
 */

const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/**
 * Undoes the structural quirks in a freshly parsed document: Windows PowerShell 5.1's `{"value":[…],"Count":n}`
 * array wrapper (when `Remove-TypeData System.Array` did not take) and JavaScriptSerializer dates `"\/Date(ms)\/"`
 * (JSON.parse turns the escaped slashes into plain ones) → ISO-8601 UTC.
 */
export function unwrapQuirks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapQuirks);
  if (typeof value === 'string') {
    const m = MS_DATE.exec(value);
    return m ? new Date(Number(m[1])).toISOString() : value;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 2 && Array.isArray(record.value) && typeof record.Count === 'number') {
      return unwrapQuirks(record.value);
    }
    const out: Record<string, unknown> = {};
    // A "__proto__" key from a hostile host would become the object's prototype and leak values into lookups.
    for (const key of keys) if (key !== '__proto__') out[key] = unwrapQuirks(record[key]);
    return out;
  }
  return value;
}

/** A string; numbers and booleans (a property PowerShell typed differently than expected) become their text. */
export const str = z
  .preprocess((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), z.string())
  .nullish();

/** A number; numeric strings ("5", as registry and WSMan values often are) are accepted. */
function numericText(v: unknown): unknown {
  return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
}

export const num = z.preprocess(numericText, z.number()).nullish();

/** An integer (ports, VLAN ids, enum codes, counts); a fractional value is a type error in its section. */
export const int = z.preprocess(numericText, z.number().int()).nullish();

/** A size in bytes or KB: never negative. */
export const size = z.preprocess(numericText, z.number().nonnegative()).nullish();

/** A boolean; "True"/"False" strings (WSMan drive values) and 0/1 (registry DWORDs) are accepted. */
export const bool = z
  .preprocess((v) => {
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (s === 'true') return true;
      if (s === 'false') return false;
    }
    if (v === 0 || v === 1) return v === 1;
    return v;
  }, z.boolean())
  .nullish();

/** An array that PowerShell may have unwrapped to its single element, or emitted as null when empty. */
export function list<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
}

/**
 * An enum that should arrive as its name but may arrive as its integer value (ConvertTo-Json without a [string] cast).
 * Unknown integers stay visible as their number text.
 */
export function enumName(names: Record<number, string>) {
  return z.preprocess((v) => (typeof v === 'number' ? (names[v] ?? String(v)) : v), z.string()).nullish();
}

/** Integer values of the enums the collector casts (Hyper-V module and NetSecurity); ⚠ taken from the SDK docs. */
export const ENUMS = {
  vmState: { 1: 'Other', 2: 'Running', 3: 'Off', 4: 'Stopping', 6: 'Saved', 9: 'Paused', 10: 'Starting', 11: 'Reset' },
  switchType: { 0: 'Private', 1: 'Internal', 2: 'External' },
  onOff: { 0: 'On', 1: 'Off' },
  gpoBoolean: { 0: 'False', 1: 'True', 2: 'NotConfigured' },
  firewallAction: { 0: 'NotConfigured', 2: 'Allow', 4: 'Block' },
  vlanMode: { 0: 'Untagged', 1: 'Access', 2: 'Trunk', 3: 'Private' },
  /** VMNetworkAdapterPrivateVlanMode and VMNetworkAdapterPortMirroringMode (HyperVDsc Hyper-V.stubs.psm1). */
  privateVlanMode: { 1: 'Isolated', 2: 'Community', 3: 'Promiscuous' },
  portMirroring: { 0: 'None', 1: 'Destination', 2: 'Source' },
  migrationAuth: { 0: 'CredSSP', 1: 'Kerberos' },
  replicaAuth: { 1: 'Kerberos', 2: 'Certificate', 3: 'CertificateAndKerberos' },
  bitlockerProtection: { 0: 'Off', 1: 'On', 2: 'Unknown' },
  bitlockerVolume: {
    0: 'FullyDecrypted',
    1: 'FullyEncrypted',
    2: 'EncryptionInProgress',
    3: 'DecryptionInProgress',
    4: 'EncryptionPaused',
    5: 'DecryptionPaused',
  },
  featureInstallState: { 0: 'Available', 1: 'Installed', 2: 'InstallPending', 3: 'Removed', 4: 'UninstallPending' },
} as const;
