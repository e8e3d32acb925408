/**
 * Resource history as a write observer (./resource-writes.ts): every change a resource service
 * records becomes history versions in the same transaction (./history-recorder.ts), so a
 * version is journaled with its write and never outlives or misses it.
 */
import type { HistoryStore } from './history-store';
import { HistoryRecorder, type HistoryOptions, type RecordedChange } from './history-recorder';
import type { ResourceChange, WriteContext, WriteObserver } from './resource-change';
import type { Tx } from './types';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class HistoryObserver implements WriteObserver {
  /** member deltas must name the users (at most MAX_LISTED_MEMBERS of them are kept) */
  readonly memberSeqs = true;
  private readonly recorder: HistoryRecorder;

  constructor(repo: HistoryStore, options: () => HistoryOptions) {
    this.recorder = new HistoryRecorder(repo, options);
  }

  onChange(change: ResourceChange, tx: Tx, ctx: WriteContext): void {
    const recorded: RecordedChange =
      change.resource === 'User'
        ? {
            resource: 'User',
            op: change.op,
            id: change.id,
            before: change.before,
            after: change.after,
            ignoredChanged:
              change.op === 'create'
                ? change.after.ignored.length > 0
                : change.op === 'update' && !sameList(change.before?.ignored ?? [], change.after.ignored),
          }
        : {
            resource: 'Group',
            op: change.op,
            id: change.id,
            before: change.before,
            after: change.after,
            members: change.members,
          };
    if (change.resource === 'Group' && ctx.dropped?.length) {
      recorded.dropped = ctx.dropped.map((d) => ({ id: d.value, display: d.display, reason: d.reason }));
      // recorded once, on the group this write changed
      ctx.dropped = [];
    }
    this.recorder.record(tx, recorded, {
      requestId: ctx.requestId,
      tokenName: ctx.tokenName,
      oktaAction: ctx.oktaAction ?? null,
      method: ctx.method ?? null,
      fault: ctx.fault?.rule ?? null,
    });
  }
}
