/**
 * server/admin/change-batcher.ts: ids gathered between flushes are read once, at the flush,
 * and sent as one event; too many become one overflow event; nobody listening means no read.
 * Flushes are called directly (the timer only decides when), so nothing here waits on time.
 */
import { describe, expect, it } from 'vitest';
import { ChangeBatcher } from '../../server/admin/change-batcher';

function harness(options: { maxRows?: number; wanted?: boolean; failRead?: boolean } = {}) {
  const store = new Map([
    ['a', 'row a'],
    ['b', 'row b'],
  ]);
  const reads: string[][] = [];
  const sent: { rows: string[]; removed: string[]; overflow: boolean }[] = [];
  const batcher = new ChangeBatcher<string>({
    read(ids) {
      reads.push([...ids]);
      if (options.failRead) throw new Error('store unavailable');
      return {
        rows: ids.flatMap((id) => store.get(id) ?? []),
        removed: ids.filter((id) => !store.has(id)),
      };
    },
    send: (change) => sent.push(change),
    wanted: () => options.wanted ?? true,
    batchMs: 60_000,
    ...(options.maxRows ? { maxRows: options.maxRows } : {}),
  });
  return { store, reads, sent, batcher };
}

describe('ChangeBatcher', () => {
  it('reads each id once at the flush, so the event carries the state after every write', () => {
    const { store, reads, sent, batcher } = harness();
    batcher.add(['a']);
    batcher.add(['b', 'a']);
    store.set('a', 'row a, written again');
    batcher.add(['gone']);
    expect(reads).toEqual([]);
    batcher.flush();
    expect(reads).toEqual([['a', 'b', 'gone']]);
    expect(sent).toEqual([{ rows: ['row a, written again', 'row b'], removed: ['gone'], overflow: false }]);
    batcher.flush();
    expect(sent).toHaveLength(1);
  });

  it('sends one overflow event, unread, past the row cap', () => {
    const { reads, sent, batcher } = harness({ maxRows: 2 });
    batcher.add(['a', 'b', 'c']);
    batcher.flush();
    expect(reads).toEqual([]);
    expect(sent).toEqual([{ rows: [], removed: [], overflow: true }]);
    batcher.add(['a']);
    batcher.flush();
    expect(sent[1]).toEqual({ rows: ['row a'], removed: [], overflow: false });
  });

  it('reads nothing while nobody listens', () => {
    const { reads, sent, batcher } = harness({ wanted: false });
    batcher.add(['a']);
    batcher.flush();
    expect(reads).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('turns a failed read into an overflow event, so the console refetches and shows the error', () => {
    const { sent, batcher } = harness({ failRead: true });
    batcher.add(['a']);
    batcher.flush();
    expect(sent).toEqual([{ rows: [], removed: [], overflow: true }]);
  });
});
