/** The Activity feed on Connect: newest first, first page reloaded live, older pages on demand. */
import { create } from 'zustand';
import type { ActivityItem } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

const PAGE = 100;

interface ActivityState {
  items: ActivityItem[];
  loading: boolean;
  error: string | null;
  /** true once a page came back short: nothing older is kept */
  atEnd: boolean;
  /** reloads the first page; calls made while one runs are folded into one more after it */
  reload(): Promise<void>;
  more(): Promise<void>;
}

let inFlight: Promise<void> | null = null;
let again = false;

export const useActivity = create<ActivityState>((set, get) => {
  async function loadFirst(): Promise<void> {
    set({ loading: true });
    try {
      const first = await api().activity({ limit: PAGE });
      // Keep the older pages already loaded below the fresh first page.
      const oldest = first[first.length - 1]?.seq ?? Infinity;
      const older = get().items.filter((i) => i.seq < oldest);
      set({
        items: [...first, ...older],
        loading: false,
        error: null,
        atEnd: first.length < PAGE && older.length === 0,
      });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  }
  return {
    items: [],
    loading: false,
    error: null,
    atEnd: false,
    reload() {
      // Live entries can arrive by the hundred per second: one reload at a time.
      if (inFlight) {
        again = true;
        return inFlight;
      }
      inFlight = (async () => {
        do {
          again = false;
          await loadFirst();
        } while (again);
      })().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    async more() {
      const { items, loading, atEnd } = get();
      const last = items[items.length - 1];
      if (loading || atEnd || !last) return;
      set({ loading: true });
      try {
        const page = await api().activity({ beforeSeq: last.seq, limit: PAGE });
        set((s) => ({ items: [...s.items, ...page], loading: false, atEnd: page.length < PAGE }));
      } catch (err) {
        set({ loading: false, error: errorMessage(err) });
      }
    },
  };
});
