/**
 * Tenant settings: their shape, defaults and limits, written once here and used by the server
 * (validation, defaults) and the console (form bounds, the opt-in attribute list).
 */
import type { FaultRule } from './fault-rule';
import type { OktaAction } from './okta-action';
import type { Mutability, Returned, Uniqueness } from './schema/types';
import { OPTIONAL_CORE_ATTRIBUTES, OPTIONAL_ENTERPRISE_ATTRIBUTES, type ProfileName } from './profiles';

export interface Settings {
  profile: ProfileName;
  /** reject unknown member ids with 400 instead of dropping them with a warning */
  strictMembers: boolean;
  /**
   * Netskope's 25 requests/second limit (docs/netskope.md §11); off by default. A view of the
   * fault rule "netskope-rate-limit" in `faultRules` (docs/faults.md "Presets").
   */
  rateLimit: { enabled: boolean; perSecond: number };
  /** fault rules, in order (docs/faults.md) */
  faultRules: FaultRule[];
  /** core/enterprise attributes enabled through PATCH /Schemas (docs/netskope.md §5.3) */
  enabledAttributes: string[];
  logRetention: { maxEntries: number; maxBytes: number };
  /** resource history (docs/history.md): a size cap, oldest versions dropped first; `enabled` false only in benches */
  history: { enabled: boolean; maxBytes: number };
  /** the public tunnel URL (cloudflared/ngrok) the admin pastes, or null */
  publicUrl: string | null;
  orgKey: string;
  /** read-only facts shown on the Settings screen */
  scimPort: number;
  scimHost: string;
  dataDir: string;
  /** the bounds the server validates with, so the form checks and shows the same ones */
  limits: SettingsLimits;
  /** the attributes that can be enabled, as the form lists them */
  optInAttributes: readonly OptInAttribute[];
  /** the Okta actions in the classifier's order, with the words the log, history and report use */
  oktaActions: readonly { id: OktaAction; label: string }[];
  /** what a custom attribute may be (docs/schemas.md), first the default */
  customAttributeChoices: CustomAttributeChoices;
}

/** The enumerated characteristics of a custom attribute (RFC 7643 §7) the tenant accepts. */
export interface CustomAttributeChoices {
  type: readonly string[];
  uniqueness: readonly Uniqueness[];
  returned: readonly Returned[];
  mutability: readonly Mutability[];
}

/** The read-only part of Settings: facts of the running server, never stored or patched. */
export type SettingsFacts = Pick<
  Settings,
  | 'scimPort'
  | 'scimHost'
  | 'dataDir'
  | 'limits'
  | 'optInAttributes'
  | 'oktaActions'
  | 'customAttributeChoices'
>;

/** The part of Settings kept in the database. */
export type StoredSettings = Omit<Settings, keyof SettingsFacts>;

/** A change to the editable settings (the admin contract validates it at the binding). */
export type SettingsPatch = Partial<Omit<StoredSettings, 'orgKey'>>;

/** Bounds of the editable settings: the admin contract validates with them, the form shows them. */
export const SETTINGS_LIMITS = {
  ratePerSecond: { min: 1, max: 10_000 },
  logMaxEntries: { min: 100, max: 1_000_000 },
  logMaxBytes: { min: 1_048_576, max: 4_294_967_296 },
  historyMaxBytes: { min: 1_048_576, max: 17_179_869_184 },
  enabledAttributes: { maxCount: 100, maxLength: 256 },
  publicUrlMaxLength: 2048,
} as const;
export type SettingsLimits = typeof SETTINGS_LIMITS;

/** One opt-in attribute: the bare name kept in `enabledAttributes`, and how the form labels it. */
export interface OptInAttribute {
  value: string;
  label: string;
}

export const DEFAULT_SETTINGS: Omit<StoredSettings, 'orgKey' | 'profile'> = {
  strictMembers: false,
  rateLimit: { enabled: false, perSecond: 25 },
  enabledAttributes: [],
  logRetention: { maxEntries: 20_000, maxBytes: 256 * 1024 * 1024 },
  history: { enabled: true, maxBytes: 256 * 1024 * 1024 },
  publicUrl: null,
  faultRules: [],
};

/**
 * The attributes a Netskope tenant stores only once an admin enables them (docs/netskope.md
 * §5.3), as the console lists them: six core ones, then six of the enterprise extension.
 */
export const OPT_IN_ATTRIBUTES: readonly OptInAttribute[] = [
  ...OPTIONAL_CORE_ATTRIBUTES.map((a) => ({ value: a, label: a })),
  ...OPTIONAL_ENTERPRISE_ATTRIBUTES.map((a) => ({ value: a, label: `enterprise: ${a}` })),
];
