/**
 * Fault rules and the Retries view (docs/faults.md): what the Faults screen and the banner on
 * every screen show. Hit counts move with traffic, so the live stream refreshes this store
 * (throttled) while any rule is set.
 */
import { create } from 'zustand';
import type { FaultRule, FaultsView, RetryChain } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

interface FaultsState {
  view: FaultsView | null;
  retries: RetryChain[];
  error: string | null;
  load(): Promise<void>;
  toggle(name: string, enabled: boolean): Promise<void>;
  addPreset(id: string): Promise<void>;
  /** replaces every rule (the editor); throws the server's validation message */
  save(rules: FaultRule[]): Promise<void>;
  remove(name: string): Promise<void>;
}

export const useFaults = create<FaultsState>((set, get) => {
  const run = async (fn: () => Promise<FaultsView>) => {
    try {
      set({ view: await fn(), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  };
  return {
    view: null,
    retries: [],
    error: null,
    async load() {
      try {
        const [view, retries] = await Promise.all([api().listFaults(), api().faultRetries()]);
        set({ view, retries, error: null });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
    toggle: (name, enabled) => run(() => api().toggleFaultRule({ name, enabled })),
    addPreset: (id) => run(() => api().addFaultPreset({ id })),
    async save(rules) {
      set({ view: await api().setFaultRules({ rules }), error: null });
    },
    remove: (name) =>
      run(() =>
        api().setFaultRules({
          rules: (get().view?.rules ?? []).map((r) => r.rule).filter((r) => r.name !== name),
        }),
      ),
  };
});
