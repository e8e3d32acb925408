/**
 * Tenant settings: stored in the database, applied live to the SCIM tenant, the limiter and
 * the request log.
 */
import { randomBytes } from 'node:crypto';
import type { ProfileName } from '../domain/profiles';
import { DEFAULT_SETTINGS, type SettingsPatch, type StoredSettings } from '../domain/settings';
import type { Store } from './';

/** A Netskope-like organisation key for the legacy /SCIM/V2/{orgKey} URL (~20 alphanumerics, docs/netskope.md §2). */
function newOrgKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

export async function loadSettings(store: Store, profileOverride?: ProfileName): Promise<StoredSettings> {
  const saved = store.engine.read((r) => store.settings.all(r)) as Partial<StoredSettings>;
  const settings: StoredSettings = {
    ...DEFAULT_SETTINGS,
    ...saved,
    profile: profileOverride ?? saved.profile ?? 'netskope',
    orgKey: saved.orgKey ?? newOrgKey(),
  };
  if (!saved.orgKey || (profileOverride && profileOverride !== saved.profile)) {
    await store.engine.write((tx) => {
      store.settings.set(tx, 'orgKey', settings.orgKey);
      store.settings.set(tx, 'profile', settings.profile);
    });
  }
  return settings;
}

export async function saveSettings(
  store: Store,
  current: StoredSettings,
  patch: SettingsPatch,
): Promise<StoredSettings> {
  const next: StoredSettings = { ...current, ...patch } as StoredSettings;
  await store.engine.write((tx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) store.settings.set(tx, key, value);
    }
  });
  return next;
}
