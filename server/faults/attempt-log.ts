/**
 * The requests seen while faults are in play, newest last, bounded: the Retries view pairs
 * them (./retries.ts). Kept apart from the request log because it holds what the log does not
 * (a body digest, the Retry-After sent) and costs nothing when no rule is set.
 */
import type { Attempt } from '../domain/retries';

export class AttemptLog {
  private items: Attempt[] = [];

  constructor(private readonly max = 5000) {}

  add(a: Attempt): void {
    this.items.push(a);
    if (this.items.length > this.max * 1.25) this.items = this.items.slice(-this.max);
  }

  all(): readonly Attempt[] {
    return this.items;
  }

  clear(): void {
    this.items = [];
  }
}
