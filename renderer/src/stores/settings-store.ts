/** Tenant settings (profile, strict members, rate limit, retention, attributes, tunnel URL). */
import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

interface SettingsState {
  settings: Settings | null;
  error: string | null;
  saving: boolean;
  /** the last save from this console and which form made it (kept here to survive a remount) */
  saved: { at: string; by: string } | null;
  load(): Promise<void>;
  /** saves a partial change; throws so the form can show the message next to the field */
  update(patch: SettingsPatch, by?: string): Promise<Settings>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  error: null,
  saving: false,
  saved: null,
  async load() {
    try {
      set({ settings: await api().getSettings(), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async update(patch, by = 'unknown') {
    set({ saving: true });
    try {
      const settings = await api().updateSettings(patch);
      set({ settings, error: null, saved: { at: new Date().toISOString(), by } });
      return settings;
    } finally {
      set({ saving: false });
    }
  },
}));
