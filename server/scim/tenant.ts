/**
 * The emulated tenant: store, profile, settings and the events the console listens to.
 * Handlers receive it instead of reaching for globals.
 */
import { EventEmitter } from 'node:events';
import type { Store } from '../store';
import type { ProfileName } from '../domain/profiles';
import { PROFILES, type Profile } from '../domain/profiles';
import type { TenantSettings } from './context';
import type { SchemaDef } from '../domain/schema';

export interface TenantEvents {
  'users-changed': [string[]];
  'groups-changed': [string[]];
  /** the custom schema was created, changed or deleted */
  'schema-changed': [];
}

export class Tenant extends EventEmitter<TenantEvents> {
  profile: Profile;
  settings: TenantSettings;
  /**
   * The tenant's custom schema (`…:extension:tenant:2.0:User`, docs/netskope.md §5.3) as
   * stored, or null before an admin creates it. Only the Netskope profiles serve it.
   */
  customSchema: SchemaDef | null = null;

  constructor(
    readonly store: Store,
    profile: ProfileName,
    settings: TenantSettings,
    /** core User + extensions, core Group: what /Schemas serves and filters resolve against */
    readonly userSchemas: () => SchemaDef[],
    readonly groupSchemas: () => SchemaDef[],
  ) {
    super();
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
