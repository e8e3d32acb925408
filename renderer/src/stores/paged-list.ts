/**
 * A window onto a server-side list (users, groups, group members) for a virtualised table:
 * rows are fetched a page at a time as the table scrolls to them, so 100,000 users cost only
 * the pages looked at. Live updates bump an epoch: rows already shown stay until their page is
 * fetched again (no flicker), and only the pages on screen are fetched right away.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Page } from '../../../server/admin/contract';
import { errorMessage } from '../api/admin-error';

/** Rows per request: a screenful is ~25 rows, so one request usually covers several screens. */
export const PAGE_SIZE = 100;

interface CachedPage<T> {
  epoch: number;
  items: T[];
}

export interface PagedListState<T, Q> {
  query: Q;
  /** total matching rows, null until the first page arrives */
  total: number | null;
  pages: Record<number, CachedPage<T>>;
  loading: boolean;
  error: string | null;
  /** replaces the query (search, sort): drops every cached row */
  setQuery(query: Q): void;
  /** makes sure rows first..last (inclusive) are fetched or on their way */
  ensureRange(first: number, last: number): void;
  /** refetches what is on screen (live update), keeping the rows shown meanwhile */
  refresh(): void;
  /** the row at an index, if loaded */
  rowAt(index: number): T | undefined;
}

export type Fetcher<T, Q> = (query: Q, offset: number, limit: number) => Promise<Page<T>>;

/** Creates one zustand store over a fetcher. */
export function createPagedList<T, Q>(
  fetcher: Fetcher<T, Q>,
  initial: Q,
): UseBoundStore<StoreApi<PagedListState<T, Q>>> {
  let gen = 0; // bumps when the query changes: answers for an older query are dropped
  let epoch = 0; // bumps on refresh: pages from an older epoch are refetched when seen
  let pending = new Set<number>();
  let failed = new Set<number>();
  let range: [number, number] = [0, PAGE_SIZE - 1];

  return create<PagedListState<T, Q>>((set, get) => {
    function fetchPage(index: number) {
      const myGen = gen;
      const myEpoch = epoch;
      pending.add(index);
      set({ loading: true });
      fetcher(get().query, index * PAGE_SIZE, PAGE_SIZE).then(
        (page) => {
          if (myGen !== gen) return;
          pending.delete(index);
          set((s) => ({
            total: page.total,
            pages: { ...s.pages, [index]: { epoch: myEpoch, items: page.items } },
            loading: pending.size > 0,
            error: null,
          }));
          // a refresh may have happened while this was in flight
          if (myEpoch !== epoch) get().ensureRange(range[0], range[1]);
        },
        (err: unknown) => {
          if (myGen !== gen) return;
          pending.delete(index);
          failed.add(index);
          set({ loading: pending.size > 0, error: errorMessage(err) });
        },
      );
    }

    return {
      query: initial,
      total: null,
      pages: {},
      loading: false,
      error: null,
      setQuery(query) {
        gen += 1;
        epoch += 1;
        pending = new Set();
        failed = new Set();
        range = [0, PAGE_SIZE - 1];
        set({ query, pages: {}, total: null, error: null });
        fetchPage(0);
      },
      ensureRange(first, last) {
        range = [first, last];
        const total = get().total;
        const lastRow = total === null ? first : Math.min(last, Math.max(total - 1, 0));
        const pages = get().pages;
        for (let i = Math.floor(first / PAGE_SIZE); i <= Math.floor(lastRow / PAGE_SIZE); i++) {
          if (pending.has(i) || failed.has(i)) continue;
          if (pages[i]?.epoch === epoch) continue;
          fetchPage(i);
        }
      },
      refresh() {
        epoch += 1;
        failed = new Set();
        // keep only the pages near the screen; the rest would be refetched when seen anyway
        const first = Math.floor(range[0] / PAGE_SIZE) - 1;
        const last = Math.floor(range[1] / PAGE_SIZE) + 1;
        set((s) => {
          const pages: Record<number, CachedPage<T>> = {};
          for (let i = first; i <= last; i++) {
            const p = s.pages[i];
            if (p) pages[i] = p;
          }
          return { pages };
        });
        if (get().total === null && pending.size === 0) fetchPage(0);
        else get().ensureRange(range[0], range[1]);
      },
      rowAt(index) {
        return get().pages[Math.floor(index / PAGE_SIZE)]?.items[index % PAGE_SIZE];
      },
    };
  });
}
