/**
 * Sign-in throttling: failed attempts are counted per account (the e-mail as typed, known or not) and per
 * client address over a sliding window. Past the limit every attempt is refused with 429 and
 * `Retry-After`, even with the right password, until the oldest failure leaves the window. A successful
 * sign-in clears the account's count. Kept in memory: one instance per server process.
 */

export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };

/** Keys kept at most; the oldest are dropped first, so a flood of made-up e-mails cannot fill memory. */
const MAX_KEYS = 50_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.clock() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds to wait before trying again, or 0 when an attempt may be made now. */
  retryAfter(account: string, address: string): number {
    const waits = [
      [`account:${account}`, this.limits.perAccount],
      [`address:${address}`, this.limits.perAddress],
    ].map(([key, limit]) => {
      const times = this.recent(key as string);
      if (times.length < (limit as number)) return 0;
      const oldest = times[times.length - (limit as number)] as number;
      return Math.max(1, Math.ceil((oldest + this.limits.windowMs - this.clock()) / 1000));
    });
    return Math.max(...waits);
  }

  failed(account: string, address: string) {
    const at = this.clock();
    for (const key of [`account:${account}`, `address:${address}`]) {
      const times = [...this.recent(key), at];
      this.failures.delete(key); // re-inserted last: Map order is then oldest activity first
      this.failures.set(key, times);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeeded(account: string) {
    this.failures.delete(`account:${account}`);
  }
}
