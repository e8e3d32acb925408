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
