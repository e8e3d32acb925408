/**
 * One open item (a user, a group or a log entry) loaded by id, refreshed when a live event
 * names it. Three small instances, one per kind. A refresh asked for while one is on its way
 * runs once more when it lands (the item may have changed after the server read it), so a
 * burst of events costs at most one extra request, with no timer of its own.
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

export function createDetail<T>(load: (id: string) => Promise<T>): UseBoundStore<StoreApi<DetailState<T>>> {
  return create<DetailState<T>>((set, get) => {
    let inFlight: string | null = null;
    let again = false;
    function fetch(id: string, keep: boolean) {
      if (keep && inFlight === id) {
        again = true;
        return;
      }
      inFlight = id;
      again = false;
      set(keep ? { loading: true } : { id, item: null, error: null, loading: true });
      const landed = () => {
        if (inFlight !== id) return false;
        inFlight = null;
        if (get().id !== id) return false;
        if (again) {
          fetch(id, true);
          return false;
        }
        return true;
      };
      load(id).then(
        (item) => {
          if (get().id === id && inFlight === id) set({ item, error: null });
          if (landed()) set({ loading: false });
        },
        (err: unknown) => {
          if (get().id === id && inFlight === id) set({ error: errorMessage(err) });
          if (landed()) set({ loading: false });
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
