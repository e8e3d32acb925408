/**
 * The History section of the open user or group drawer: its versions, newest first, fetched a
 * page at a time (keyset) as the list scrolls. Reloaded from the top when a live event names
 * the resource.
 */
import { create } from 'zustand';
import type { Version } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

const PAGE = 100;

interface HistoryState {
  id: string | null;
  versions: Version[];
  nextBeforeSeq: number | null;
  truncated: boolean;
  loading: boolean;
  error: string | null;
  open(id: string | null): void;
  more(): void;
  refresh(ids?: string[]): void;
}

export const useHistory = create<HistoryState>((set, get) => {
  function load(id: string, beforeSeq: number | null) {
    set(beforeSeq === null ? { loading: true, error: null } : { loading: true });
    api()
      .getHistory({ id, limit: PAGE, ...(beforeSeq !== null ? { beforeSeq } : {}) })
      .then(
        (page) => {
          if (get().id !== id) return;
          set((s) => ({
            versions: beforeSeq === null ? page.versions : [...s.versions, ...page.versions],
            nextBeforeSeq: page.nextBeforeSeq,
            truncated: page.truncated,
            loading: false,
            error: null,
          }));
        },
        (err: unknown) => {
          if (get().id === id) set({ loading: false, error: errorMessage(err) });
        },
      );
  }
  return {
    id: null,
    versions: [],
    nextBeforeSeq: null,
    truncated: false,
    loading: false,
    error: null,
    open(id) {
      if (id === get().id) return;
      set({ id, versions: [], nextBeforeSeq: null, truncated: false, error: null });
      if (id) load(id, null);
    },
    more() {
      const { id, nextBeforeSeq, loading } = get();
      if (id && nextBeforeSeq !== null && !loading) load(id, nextBeforeSeq);
    },
    refresh(ids) {
      const id = get().id;
      if (id && (!ids || ids.includes(id))) load(id, null);
    },
  };
});
