/**
 * The emulated tenant: store, profile and settings. Handlers receive it instead of reaching
 * for globals. (The events the console listens to come from the store: Store.changes.)
 */
import type { Store } from '../store';
import type { ProfileName } from '../domain/profiles';
import { PROFILES, type Profile } from '../domain/profiles';
import type { TenantSettings } from './context';
import type { SchemaDef } from '../domain/schema';

export class Tenant {
  profile: Profile;
  settings: TenantSettings;

  constructor(
    readonly store: Store,
    profile: ProfileName,
    settings: TenantSettings,
    /** core User + extensions, core Group: what /Schemas serves and filters resolve against */
    readonly userSchemas: () => SchemaDef[],
    readonly groupSchemas: () => SchemaDef[],
  ) {
    this.profile = PROFILES[profile];
    this.settings = settings;
  }

  setProfile(name: ProfileName): void {
    this.profile = PROFILES[name];
  }
}
