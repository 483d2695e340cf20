import { CollectError } from '../../../src/core/connector/errors.js';
import { isVimFault, VimFault } from './fault.js';
import type { CallOptions, VimTransport } from './transport.js';
import { isMoRef, obj, objects, type MoRef, type VimObject, type VimValue } from './value.js';

/** True when every object of a RetrieveResult page is reported missing with a NotAuthenticated fault. */
function notAuthenticatedObjects(result: VimValue | undefined): boolean {
  const contents = objects(obj(result)?.objects);
  return (
    contents.length > 0 &&
    contents.every((c) => {
      const missing = objects(c.missingSet);
      return (
        missing.length > 0 &&
        missing.every(
          (m) => obj(obj(m.fault)?.fault)?._type === 'NotAuthenticated' || obj(m.fault)?._type === 'NotAuthenticated',
        )
      );
    })
  );
}

/**
 * A logged-in vim25 session over either transport: Login, one re-login when the server says NotAuthenticated
 * (session expired mid-scan), Logout, and a count of property-collector calls for the round-trip budget.
 */
export class VimSession {
  propertyCollectorCalls = 0;
  private relogin?: Promise<void>;
  /** 0 for the first session, 1 after the re-login. */
  private generation = 0;
  private loggedIn = false;

  constructor(
    readonly transport: VimTransport,
    readonly content: VimObject,
    readonly where: string,
    private readonly userName: string,
    private readonly password: string,
  ) {}

  ref(name: string): MoRef {
    const ref = this.content[name];
    if (!isMoRef(ref)) throw new CollectError('parse', `${this.where}: service content has no ${name}`);
    return ref;
  }

  get about(): VimObject {
    return obj(this.content.about) ?? {};
  }

  async login(): Promise<void> {
    try {
      await this.transport.login(this.ref('sessionManager'), this.userName, this.password);
      this.loggedIn = true;
    } catch (err) {
      if (isVimFault(err, 'InvalidLogin')) {
        throw new CollectError('auth', `${this.where}: Login refused: wrong user name or password (InvalidLogin)`, {
          cause: err,
          code: 'InvalidLogin',
        });
      }
      if (err instanceof VimFault)
        throw new CollectError('auth', `${this.where}: Login failed: ${err.message}`, {
          cause: err,
          code: err.faultName,
        });
      throw err;
    }
  }

  async invoke(method: string, self: MoRef, args?: Record<string, VimValue | undefined>, options?: CallOptions) {
    const counted = method === 'RetrievePropertiesEx' || method === 'ContinueRetrievePropertiesEx';
    if (counted) this.propertyCollectorCalls++;
    const sessionAtStart = this.generation;
    try {
      const value = await this.transport.invoke(method, self, args, options);
      // A property collector may answer an expired session per object: missingSet faults NotAuthenticated (pyvmomi#294
      // shows one raised from missingSet[0].fault). The first page is asked again after the re-login below; a
      // continuation token belongs to the old session, so its page is taken as it is.
      if (method === 'RetrievePropertiesEx' && this.loggedIn && notAuthenticatedObjects(value)) {
        throw new VimFault(
          'NotAuthenticated',
          'the property collector reported NotAuthenticated for the requested objects',
          {},
        );
      }
      return value;
    } catch (err) {
      if (!isVimFault(err, 'NotAuthenticated') || !this.loggedIn) throw err;
      // One re-login per scan, shared by every call of a concurrent wave that saw the expiry; each call retries once.
      // A call that already ran on the renewed session and is refused again ends the collection.
      if (!this.relogin) {
        this.transport.forgetSession();
        this.relogin = this.login().then(() => void this.generation++);
      } else if (sessionAtStart > 0) {
        throw err;
      }
      await this.relogin;
      if (counted) this.propertyCollectorCalls++;
      return await this.transport.invoke(method, self, args, options);
    }
  }

  /** Ends the session; bounded in time even when the scan was aborted, and never throws. */
  async logout(scanSignal: AbortSignal): Promise<void> {
    if (!this.loggedIn || !this.transport.hasSession()) return;
    this.loggedIn = false;
    const signal = scanSignal.aborted
      ? AbortSignal.timeout(2000)
      : AbortSignal.any([scanSignal, AbortSignal.timeout(5000)]);
    try {
      await this.transport.invoke('Logout', this.ref('sessionManager'), {}, { signal });
    } catch {
      // The session ends on the server's idle timeout anyway; a failed Logout must not hide the scan's result.
    } finally {
      this.transport.forgetSession();
    }
  }
}
