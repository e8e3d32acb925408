/**
 * A window onto a server-side list (users, groups, group members) for a virtualised table:
 * rows are fetched a page at a time as the table scrolls to them, so 100,000 users cost only
 * the pages looked at.
 *
 * Live updates carry the changed rows (docs/live-updates.md). `applyChange` patches the rows
 * held in place and refetches only when the change may move rows or change the count: a row
 * whose sort or search fields changed, a row not held (it may be new, or enter the view), a
 * removal. A refetch bumps an epoch: rows already shown stay until their page is fetched again
 * (no flicker), only the pages on screen are fetched right away, and a page already on its way
 * is fetched once more when it lands, so a burst of events costs at most one extra round trip
 * per page, with no timer of its own.
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
  /**
   * Applies a live change. `onlyKnown`: rows and ids this list does not hold cannot concern it
   * (a group's member list hears about every user, but a user write never adds a member).
   */
  applyChange(change: RowsChangeIn<T>, options?: { onlyKnown?: boolean }): ChangeOutcome;
}

export type Fetcher<T, Q> = (query: Q, offset: number, limit: number) => Promise<Page<T>>;

/** How the list recognises a row, and what decides where (and whether) it shows. */
export interface RowIdentity<T, Q> {
  idOf(row: T): string;
  /**
   * Everything that decides the row's place under `query`: its sort value, the fields a search
   * matches, a flag that hides it. Equal before and after a change: the row stays where it is.
   */
  placementOf(row: T, query: Q): string;
}

/** A live change: the rows as the server now shows them, ids gone, or "too many, refetch". */
export interface RowsChangeIn<T> {
  rows: readonly T[];
  removed: readonly string[];
  overflow?: boolean;
}

/** What `applyChange` did. */
export type ChangeOutcome = 'none' | 'patched' | 'refetched';

/** Creates one zustand store over a fetcher. */
export function createPagedList<T, Q>(
  fetcher: Fetcher<T, Q>,
  initial: Q,
  identity?: RowIdentity<T, Q>,
): UseBoundStore<StoreApi<PagedListState<T, Q>>> {
  let gen = 0; // bumps when the query changes: answers for an older query are dropped
  let epoch = 0; // bumps on refresh: pages from an older epoch are refetched when seen
  let pending = new Set<number>();
  let failed = new Set<number>();
  let range: [number, number] = [0, PAGE_SIZE - 1];
  // Rows patched while fetches were in flight: an answer read before the patch must not undo it.
  let patchSeq = 0;
  let overrides = new Map<string, { seq: number; row: T }>();

  /** The rows of a page that just arrived, with any newer patch laid over them. */
  function withOverrides(items: T[], startSeq: number): T[] {
    if (!identity || overrides.size === 0) return items;
    const idOf = identity.idOf;
    return items.map((row) => {
      const o = overrides.get(idOf(row));
      return o && o.seq > startSeq ? o.row : row;
    });
  }

  return create<PagedListState<T, Q>>((set, get) => {
    function fetchPage(index: number) {
      const myGen = gen;
      const myEpoch = epoch;
      const startSeq = patchSeq;
      pending.add(index);
      set({ loading: true });
      fetcher(get().query, index * PAGE_SIZE, PAGE_SIZE).then(
        (page) => {
          if (myGen !== gen) return;
          pending.delete(index);
          const items = withOverrides(page.items, startSeq);
          if (pending.size === 0) overrides = new Map();
          set((s) => ({
            total: page.total,
            pages: { ...s.pages, [index]: { epoch: myEpoch, items } },
            loading: pending.size > 0,
            error: null,
          }));
          // a refresh may have happened while this was in flight
          if (myEpoch !== epoch) get().ensureRange(range[0], range[1]);
        },
        (err: unknown) => {
          if (myGen !== gen) return;
          pending.delete(index);
          if (pending.size === 0) overrides = new Map();
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
        overrides = new Map();
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
      applyChange(change, options = {}) {
        if (get().total === null && pending.size === 0) return 'none'; // nothing shown yet
        if (!identity || change.overflow) {
          get().refresh();
          return 'refetched';
        }
        const { idOf, placementOf } = identity;
        const query = get().query;
        const held = new Map<string, [number, number]>();
        const pages = get().pages;
        for (const [key, page] of Object.entries(pages)) {
          page.items.forEach((row, i) => held.set(idOf(row), [Number(key), i]));
        }
        let refetch = false;
        const patched = new Map<number, T[]>();
        for (const row of change.rows) {
          const id = idOf(row);
          const at = held.get(id);
          if (pending.size > 0) overrides.set(id, { seq: ++patchSeq, row });
          if (!at) {
            if (!options.onlyKnown) refetch = true;
            continue;
          }
          const [p, i] = at;
          const items = patched.get(p) ?? [...(pages[p]?.items ?? [])];
          const old = items[i];
          if (old !== undefined && placementOf(old, query) !== placementOf(row, query)) refetch = true;
          // patched even when refetching: the new values show at once, the new order follows
          items[i] = row;
          patched.set(p, items);
        }
        for (const id of change.removed) {
          if (held.has(id) || !options.onlyKnown) refetch = true;
        }
        if (patched.size > 0) {
          set((s) => {
            const next = { ...s.pages };
            for (const [p, items] of patched) {
              const page = next[p];
              if (page) next[p] = { epoch: page.epoch, items };
            }
            return { pages: next };
          });
        }
        if (refetch) {
          get().refresh();
          return 'refetched';
        }
        return patched.size > 0 ? 'patched' : 'none';
      },
    };
  });
}
