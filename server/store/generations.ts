import type { Generations } from './paging';

/**
 * Write/delete counters per resource type, consulted by the list caches (./paging.ts).
 * Bumped inside write transactions; a bump for a transaction that rolls back only costs a
 * cache miss.
 */
export class GenerationCounter implements Generations {
  write = 0;
  remove = 0;

  wrote(): void {
    this.write++;
  }

  removed(): void {
    this.write++;
    this.remove++;
  }

  snapshot = (): Generations => ({ write: this.write, remove: this.remove });
}
