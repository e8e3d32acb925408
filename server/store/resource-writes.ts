/**
 * The one door of user and group writes: runs the services' transaction and hands every change
 * they record to the observers (./resource-change.ts), inside the transaction and again once
 * it is durable. A service cannot write without passing here, so an observer sees every write.
 */
import type { ResourceChange, WriteContext, WriteObserver } from './resource-change';
import type { Engine, Tx } from './types';

/** The transaction as a service sees it: SQL access plus the place to record what changed. */
export interface WriteScope {
  tx: Tx;
  ctx: WriteContext;
  /** whether member deltas must carry user seqs (some observer asked) */
  memberSeqs: boolean;
  record(change: ResourceChange): void;
}

export class ResourceWrites {
  private readonly observers: WriteObserver[] = [];
  private memberSeqs = false;

  constructor(private readonly engine: Engine) {}

  /** Adds an observer for all later writes; returns the function that removes it. */
  observe(observer: WriteObserver): () => void {
    this.observers.push(observer);
    this.memberSeqs = this.observers.some((o) => o.memberSeqs === true);
    return () => {
      const i = this.observers.indexOf(observer);
      if (i >= 0) this.observers.splice(i, 1);
      this.memberSeqs = this.observers.some((o) => o.memberSeqs === true);
    };
  }

  /**
   * Runs `fn` in one engine write (all or nothing) and resolves with its result once durable.
   * Observers' afterCommit runs only then: a write that fails to persist announces nothing.
   */
  async run<T>(ctx: WriteContext, fn: (scope: WriteScope) => T): Promise<T> {
    const observers = [...this.observers];
    let changes: ResourceChange[] = [];
    const result = await this.engine.write((tx) => {
      changes = [];
      const scope: WriteScope = {
        tx,
        ctx,
        memberSeqs: this.memberSeqs,
        record: (change) => {
          changes.push(change);
          for (const o of observers) o.onChange?.(change, tx, ctx);
        },
      };
      return fn(scope);
    });
    for (const o of observers) {
      try {
        o.afterCommit?.(changes, ctx);
      } catch (err) {
        // The write is durable and acknowledged either way; one broken listener must not turn
        // it into an error for the client.
        console.error('resource write observer failed:', err);
      }
    }
    return result;
  }
}
