/**
 * The paged window behind the virtualised tables: only pages in view are fetched, answers for
 * an older query are dropped, and a live refresh keeps rows on screen until their page returns.
 * The fetcher is a plain function over an in-memory array (the store's real input).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from '../../server/admin/contract';
import { createPagedList, PAGE_SIZE } from '../../renderer/src/stores/paged-list';

interface Call {
  query: string;
  offset: number;
  resolve(): void;
}

function source(total: number) {
  const calls: Call[] = [];
  let version = 0;
  const fetcher = (query: string, offset: number, limit: number): Promise<Page<string>> =>
    new Promise((resolve) => {
      const v = version;
      calls.push({
        query,
        offset,
        resolve: () =>
          resolve({
            total,
            offset,
            items: Array.from(
              { length: Math.max(0, Math.min(limit, total - offset)) },
              (_, i) => `${query}:${offset + i}:v${v}`,
            ),
          }),
      });
    });
  return { calls, fetcher, bump: () => (version += 1) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createPagedList', () => {
  it('fetches the first page on setQuery, then only the pages a range needs', async () => {
    const src = source(100_000);
    const store = createPagedList<string, string>(src.fetcher, 'a');
    store.getState().setQuery('a');
    expect(src.calls.map((c) => c.offset)).toEqual([0]);
    src.calls[0]?.resolve();
    await flush();
    expect(store.getState().total).toBe(100_000);
    expect(store.getState().rowAt(5)).toBe('a:5:v0');

    store.getState().ensureRange(99_990, 99_999);
    expect(src.calls.map((c) => c.offset)).toEqual([0, 99_900]);
    store.getState().ensureRange(99_990, 99_999); // in flight: not asked twice
    expect(src.calls).toHaveLength(2);
    src.calls[1]?.resolve();
    await flush();
    expect(store.getState().rowAt(99_999)).toBe('a:99999:v0');
    expect(Object.keys(store.getState().pages)).toEqual(['0', String(99_900 / PAGE_SIZE)]);
  });

  it('drops answers that arrive for a query that was replaced', async () => {
    const src = source(500);
    const store = createPagedList<string, string>(src.fetcher, 'a');
    store.getState().setQuery('a');
    store.getState().setQuery('b');
    src.calls[1]?.resolve();
    await flush();
    src.calls[0]?.resolve();
    await flush();
    expect(store.getState().rowAt(0)).toBe('b:0:v0');
  });

  it('refresh keeps the rows shown until the page is fetched again', async () => {
    const src = source(300);
    const store = createPagedList<string, string>(src.fetcher, 'a');
    store.getState().setQuery('a');
    src.calls[0]?.resolve();
    await flush();
    store.getState().ensureRange(0, 20);
    src.bump();
    store.getState().refresh();
    expect(store.getState().rowAt(0)).toBe('a:0:v0');
    expect(src.calls).toHaveLength(2);
    src.calls[1]?.resolve();
    await flush();
    expect(store.getState().rowAt(0)).toBe('a:0:v1');
  });

  it('does not retry a failed page until refreshed, and reports the error', async () => {
    let fail = true;
    let n = 0;
    const store = createPagedList<string, string>(async (_q, offset) => {
      n += 1;
      if (fail) throw new Error('store unavailable');
      return { total: 10, offset, items: ['x'] };
    }, 'a');
    store.getState().setQuery('a');
    await flush();
    expect(store.getState().error).toBe('store unavailable');
    store.getState().ensureRange(0, 5);
    expect(n).toBe(1);
    fail = false;
    store.getState().refresh();
    await flush();
    expect(n).toBe(2);
    expect(store.getState().error).toBeNull();
  });
});

/** Rows with an id, a sort key and a value, over an in-memory table the fetcher pages through. */
interface Row {
  id: string;
  name: string;
  value: number;
}

function table(size: number) {
  const rows: Row[] = Array.from({ length: size }, (_, i) => ({
    id: `id${i}`,
    name: `n${String(i).padStart(5, '0')}`,
    value: 0,
  }));
  const calls: { offset: number; resolve(): void }[] = [];
  const fetcher = (_q: string, offset: number, limit: number): Promise<Page<Row>> =>
    new Promise((resolve) => {
      calls.push({
        offset,
        // the server reads when it answers: a later write shows in a later answer
        resolve: () =>
          resolve({
            total: rows.length,
            offset,
            items: rows.slice(offset, offset + limit).map((r) => ({ ...r })),
          }),
      });
    });
  const identity = { idOf: (r: Row) => r.id, placementOf: (r: Row) => r.name };
  return { rows, calls, fetcher, identity };
}

async function loaded(size: number) {
  const t = table(size);
  const store = createPagedList<Row, string>(t.fetcher, 'q', t.identity);
  store.getState().setQuery('q');
  t.calls[0]?.resolve();
  await flush();
  return { ...t, store };
}

describe('createPagedList.applyChange', () => {
  it('patches a held row in place when its place cannot change, without fetching', async () => {
    const { store, calls } = await loaded(250);
    const before = store.getState().pages[0];
    const outcome = store
      .getState()
      .applyChange({ rows: [{ id: 'id7', name: 'n00007', value: 42 }], removed: [] });
    expect(outcome).toBe('patched');
    expect(calls).toHaveLength(1);
    expect(store.getState().rowAt(7)).toEqual({ id: 'id7', name: 'n00007', value: 42 });
    // only the touched page object is replaced; its neighbours are the same rows
    expect(store.getState().pages[0]).not.toBe(before);
    expect(store.getState().rowAt(6)).toBe(before?.items[6]);
  });

  it('refetches when a held row changes its sort or search fields, showing the new values meanwhile', async () => {
    const { store, calls } = await loaded(250);
    const outcome = store
      .getState()
      .applyChange({ rows: [{ id: 'id3', name: 'zzz', value: 1 }], removed: [] });
    expect(outcome).toBe('refetched');
    expect(calls.map((c) => c.offset)).toEqual([0, 0]);
    expect(store.getState().rowAt(3)).toEqual({ id: 'id3', name: 'zzz', value: 1 });
  });

  it('refetches for a row it does not hold (it may be new) and for a removal, unless told only held rows matter', async () => {
    const { store, calls } = await loaded(250);
    expect(store.getState().applyChange({ rows: [{ id: 'new', name: 'a', value: 0 }], removed: [] })).toBe(
      'refetched',
    );
    calls[1]?.resolve();
    await flush();
    expect(store.getState().applyChange({ rows: [], removed: ['id200'] })).toBe('refetched');
    calls[2]?.resolve();
    await flush();
    expect(
      store
        .getState()
        .applyChange({ rows: [{ id: 'other', name: 'a', value: 0 }], removed: ['x'] }, { onlyKnown: true }),
    ).toBe('none');
    expect(store.getState().applyChange({ rows: [], removed: ['id4'] }, { onlyKnown: true })).toBe(
      'refetched',
    );
    expect(calls).toHaveLength(4);
  });

  it('refetches on overflow, and does nothing before anything was shown', async () => {
    const t = table(10);
    const idle = createPagedList<Row, string>(t.fetcher, 'q', t.identity);
    expect(idle.getState().applyChange({ rows: [], removed: ['id1'] })).toBe('none');
    expect(t.calls).toHaveLength(0);
    const { store, calls } = await loaded(10);
    expect(store.getState().applyChange({ rows: [], removed: [], overflow: true })).toBe('refetched');
    expect(calls).toHaveLength(2);
  });

  it('keeps a patch that lands while an older read of its page is in flight', async () => {
    const { store, calls, rows } = await loaded(250);
    store.getState().refresh(); // e.g. the table asked again: a read of page 0 is on its way
    expect(calls).toHaveLength(2);
    // the server changed id5 after that read: the patch arrives before the stale answer
    store.getState().applyChange({ rows: [{ id: 'id5', name: 'n00005', value: 9 }], removed: [] });
    calls[1]?.resolve(); // answers from before the write (rows[5].value is still 0)
    await flush();
    expect(rows[5]?.value).toBe(0);
    expect(store.getState().rowAt(5)).toEqual({ id: 'id5', name: 'n00005', value: 9 });
  });

  it('folds a burst of refetching changes into one extra read per page, with no timer', async () => {
    const { store, calls } = await loaded(250);
    for (let i = 0; i < 50; i++)
      store.getState().applyChange({ rows: [{ id: `new${i}`, name: 'a', value: i }], removed: [] });
    expect(calls).toHaveLength(2); // the first refetch; the rest wait for it
    calls[1]?.resolve();
    await flush();
    expect(calls).toHaveLength(3); // one more, for what changed while it was on its way
    calls[2]?.resolve();
    await flush();
    expect(calls).toHaveLength(3);
  });
});
