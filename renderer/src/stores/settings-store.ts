/** Tenant settings (profile, strict members, rate limit, retention, attributes, tunnel URL). */
import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

interface SettingsState {
  settings: Settings | null;
  error: string | null;
  saving: boolean;
  /** when this console last saved (kept here so the message survives the form's remount) */
  savedAt: string | null;
  load(): Promise<void>;
  /** saves a partial change; throws so the form can show the message next to the field */
  update(patch: SettingsPatch): Promise<Settings>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  error: null,
  saving: false,
  savedAt: null,
  async load() {
    try {
      set({ settings: await api().getSettings(), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async update(patch) {
    set({ saving: true });
    try {
      const settings = await api().updateSettings(patch);
      set({ settings, error: null, savedAt: new Date().toISOString() });
      return settings;
    } finally {
      set({ saving: false });
    }
  },
}));
