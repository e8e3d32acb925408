/** Server facts for the Connect screen and the Okta setup checklist (`checklist` events). */
import { create } from 'zustand';
import type { ChecklistStep, ServerInfo } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

interface ConnectState {
  info: ServerInfo | null;
  steps: ChecklistStep[];
  error: string | null;
  load(): Promise<void>;
  setSteps(steps: ChecklistStep[]): void;
  /** store health from `store` events, shown as a banner */
  setStoreHealth(health: 'ok' | 'failed', message: string | null): void;
}

export const useConnect = create<ConnectState>((set) => ({
  info: null,
  steps: [],
  error: null,
  async load() {
    try {
      const [info, steps] = await Promise.all([api().info(), api().checklist()]);
      set({ info, steps, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  setSteps(steps) {
    set({ steps });
  },
  setStoreHealth(health, message) {
    set((s) => (s.info ? { info: { ...s.info, storeHealth: health, storeError: message } } : {}));
  },
}));
