/**
 * The live Request log: newest first, `log` events prepended, older entries fetched by keyset
 * (`beforeSeq`) as the table scrolls. Pausing buffers live entries and counts them.
 */
import { create } from 'zustand';
import type { LogSummary } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';
import { throttle } from '../lib/throttle';
import { EMPTY_FILTERS, isUnfiltered, mergeNewestFirst, toLogQuery, type LogFilters } from './log-filters';

const PAGE = 200;
/** Entries kept in memory; older ones are fetched again by scrolling. */
const CAP = 20_000;

interface LogState {
  entries: LogSummary[];
  filters: LogFilters;
  paused: boolean;
  buffered: LogSummary[];
  loading: boolean;
  hasMore: boolean;
  error: string | null;
  setFilters(filters: LogFilters): void;
  reload(): Promise<void>;
  loadOlder(): void;
  onLive(entry: LogSummary): void;
  onCleared(): void;
  setPaused(paused: boolean): void;
  clear(): Promise<void>;
}

/** Newer entries in front: a plain concatenation when they are all newer (the usual case). */
function prependNewest(batch: LogSummary[], entries: LogSummary[]): LogSummary[] {
  const newest = entries[0]?.seq ?? -Infinity;
  const sorted = [...batch].sort((a, b) => b.seq - a.seq);
  const last = sorted[sorted.length - 1];
  if (last && last.seq > newest) return [...sorted, ...entries].slice(0, CAP);
  return mergeNewestFirst(batch, entries, CAP);
}

export const useLog = create<LogState>((set, get) => {
  let gen = 0;
  let loadingOlder = false;
  // With filters on, whether a live entry matches is the server's call (its text search
  // reads bodies the summary does not carry): refetch the newest page instead.
  const refetchNewest = throttle(() => {
    const myGen = gen;
    api()
      .queryLog({ ...toLogQuery(get().filters), limit: PAGE })
      .then(
        (page) => {
          if (myGen === gen) set((s) => ({ entries: mergeNewestFirst(page, s.entries, CAP), error: null }));
        },
        (err: unknown) => set({ error: errorMessage(err) }),
      );
  }, 300);

  // Live entries are applied in batches: an Okta push can log hundreds of requests a second,
  // and one state update (and render) per request would keep the console busy.
  let incoming: LogSummary[] = [];
  const applyIncoming = throttle(() => {
    const batch = incoming;
    incoming = [];
    set((s) => ({ entries: prependNewest(batch, s.entries) }));
  }, 100);

  return {
    entries: [],
    filters: EMPTY_FILTERS,
    paused: false,
    buffered: [],
    loading: false,
    hasMore: true,
    error: null,
    setFilters(filters) {
      set({ filters });
      void get().reload();
    },
    async reload() {
      gen += 1;
      const myGen = gen;
      loadingOlder = false;
      set({ loading: true, error: null });
      try {
        const page = await api().queryLog({ ...toLogQuery(get().filters), limit: PAGE });
        if (myGen !== gen) return;
        set({ entries: page, hasMore: page.length === PAGE, loading: false, buffered: [] });
      } catch (err) {
        if (myGen === gen) set({ error: errorMessage(err), loading: false });
      }
    },
    loadOlder() {
      const { entries, hasMore } = get();
      const oldest = entries[entries.length - 1];
      if (!hasMore || loadingOlder || !oldest) return;
      loadingOlder = true;
      const myGen = gen;
      set({ loading: true });
      api()
        .queryLog({ ...toLogQuery(get().filters), beforeSeq: oldest.seq, limit: PAGE })
        .then(
          (page) => {
            if (myGen !== gen) return;
            set((s) => ({
              entries: mergeNewestFirst(s.entries, page, s.entries.length + page.length),
              hasMore: page.length === PAGE,
            }));
          },
          (err: unknown) => {
            if (myGen === gen) set({ error: errorMessage(err) });
          },
        )
        .finally(() => {
          if (myGen === gen) {
            loadingOlder = false;
            set({ loading: false });
          }
        });
    },
    onLive(entry) {
      const s = get();
      if (s.paused) {
        set({ buffered: [entry, ...s.buffered].slice(0, CAP) });
      } else if (isUnfiltered(s.filters)) {
        incoming.push(entry);
        applyIncoming();
      } else {
        refetchNewest();
      }
    },
    onCleared() {
      incoming = [];
      set({ entries: [], buffered: [], hasMore: false });
    },
    setPaused(paused) {
      const s = get();
      if (paused) {
        set({ paused: true });
        return;
      }
      const buffered = s.buffered;
      set({ paused: false, buffered: [] });
      if (buffered.length === 0) return;
      if (isUnfiltered(s.filters)) set({ entries: mergeNewestFirst(buffered, s.entries, CAP) });
      else refetchNewest();
    },
    async clear() {
      await api().clearLog();
      get().onCleared();
    },
  };
});
