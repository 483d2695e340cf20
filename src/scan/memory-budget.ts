import { CollectError } from '../core/connector/errors.js';
import type { MemoryCharge } from '../core/connector/types.js';

/**
 * What the reply buffers of all hosts of one scan may hold together, unless the engine is given another limit. A
 * 1,000-host scan holds far less (its whole peak RSS is under 300 MB); the process's RSS under a flood is about four
 * times this (buffers not yet collected, the joined copy), measured in docs/reliability.md.
 */
export const DEFAULT_MEMORY_BUDGET_BYTES = 128 * 1024 * 1024;

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Reply bytes held by all hosts of a scan at once. Each host's connector charges what it buffers (SSH and WinRM command
 * output, vSphere replies while they arrive) to its account, and the account is closed when the host is done. A charge
 * that takes the total past the limit stops the host holding the most: its signal aborts with an error that says so.
 * Each host is already capped on its own; this keeps n hostile hosts from adding up to n times that cap.
 */
export class MemoryBudget {
  private used = 0;
  /** The largest total seen, including the charge that went past the limit (at most one chunk over). */
  peakBytes = 0;
  private readonly accounts = new Set<MemoryAccount>();

  constructor(readonly limitBytes: number = DEFAULT_MEMORY_BUDGET_BYTES) {}

  open(host: string): MemoryAccount {
    const account = new MemoryAccount(host, this);
    this.accounts.add(account);
    return account;
  }

  /** @internal Called by accounts. */
  change(bytes: number): void {
    this.used += bytes;
    this.peakBytes = Math.max(this.peakBytes, this.used);
    while (this.used > this.limitBytes) {
      let largest: MemoryAccount | undefined;
      for (const account of this.accounts) if (!largest || account.held > largest.held) largest = account;
      if (!largest || largest.held === 0) return;
      largest.evict(this.limitBytes);
    }
  }

  /** @internal Called by accounts. */
  forget(account: MemoryAccount): void {
    this.accounts.delete(account);
  }
}

/** One host attempt's share of the budget; its signal aborts when the budget stops this host. */
export class MemoryAccount implements MemoryCharge {
  held = 0;
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;

  constructor(
    private readonly host: string,
    private readonly budget: MemoryBudget,
  ) {}

  charge(bytes: number): void {
    if (this.signal.aborted) return;
    this.held += bytes;
    this.budget.change(bytes);
  }

  release(bytes: number): void {
    const freed = Math.min(bytes, this.held);
    this.held -= freed;
    this.budget.change(-freed);
  }

  /** The host is done: whatever it still held is no longer counted. */
  close(): void {
    this.release(this.held);
    this.budget.forget(this);
  }

  /** @internal Called by the budget. */
  evict(limitBytes: number): void {
    const held = this.held;
    this.close();
    this.controller.abort(
      new CollectError(
        'collect',
        `${this.host}: stopped after buffering ${mib(held)} MiB of replies: the scan's memory budget of ${mib(limitBytes)} MiB was reached and this host held the most`,
        { code: 'MEMORY_BUDGET' },
      ),
    );
  }
}
