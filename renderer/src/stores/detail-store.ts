/**
 * One open item (a user, a group or a log entry) loaded by id, refreshed when a live event
 * names it. Three small instances, one per kind.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { GroupDetail, LogEntry, UserDetail } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

export interface DetailState<T> {
  id: string | null;
  item: T | null;
  error: string | null;
  loading: boolean;
  open(id: string | null): void;
  /** reloads the open item if it is one of `ids` (or always, without ids) */
  refresh(ids?: string[]): void;
}

function createDetail<T>(load: (id: string) => Promise<T>): UseBoundStore<StoreApi<DetailState<T>>> {
  return create<DetailState<T>>((set, get) => {
    function fetch(id: string, keep: boolean) {
      set(keep ? { loading: true } : { id, item: null, error: null, loading: true });
      load(id).then(
        (item) => {
          if (get().id === id) set({ item, error: null, loading: false });
        },
        (err: unknown) => {
          if (get().id === id) set({ error: errorMessage(err), loading: false });
        },
      );
    }
    return {
      id: null,
      item: null,
      error: null,
      loading: false,
      open(id) {
        if (id === get().id) return;
        if (!id) set({ id: null, item: null, error: null, loading: false });
        else fetch(id, false);
      },
      refresh(ids) {
        const id = get().id;
        if (id && (!ids || ids.includes(id))) fetch(id, true);
      },
    };
  });
}

export const useUserDetail = createDetail<UserDetail>((id) => api().getUser({ id }));
export const useGroupDetail = createDetail<GroupDetail>((id) => api().getGroup({ id }));
export const useLogDetail = createDetail<LogEntry>((id) => api().getLogEntry({ id }));
