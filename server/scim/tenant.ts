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
  /**
   * The tenant's custom schema (`…:extension:tenant:2.0:User`, docs/netskope.md §5.3) as
   * stored, or null before an admin creates it. Only the Netskope profiles serve it.
   */
  customSchema: SchemaDef | null = null;
  /** called after the custom schema changed (app.ts tells the console) */
  onSchemaChanged: () => void = () => undefined;

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

  /** The custom schema when the active profile has one (and it exists), else null. */
  activeCustomSchema(): SchemaDef | null {
    return this.profile.customSchema ? this.customSchema : null;
  }
}
