/**
 * Tenant profiles: how the emulated tenant differs from plain RFC 7644, as data consulted at a
 * few named points (docs/architecture.md "Rules that keep it simple"). Everything else is shared.
 */
/** The tenant profiles a server can run as (`--profile`, Settings). */
export const PROFILE_NAMES = ['netskope', 'netskope-legacy', 'rfc'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Netskope's SCIM base path, served in every profile (docs/netskope.md §2). */
export const SCIM_BASE_PATH = '/api/v2/scim';

export interface Profile {
  name: ProfileName;
  /** PATCH success: Netskope answers 204 with no body (docs/netskope.md §4, §8); RFC 7644 §3.5.2: 200 + resource */
  patchReply: 'no-content' | 'resource';
  /** Error bodies: Netskope adds `description` and answers application/json (docs/netskope.md §10) */
  errorStyle: 'netskope' | 'rfc';
  /** Group `members` only with attributes=members (Netskope, docs/netskope.md §6) or always (RFC 7643 §4.2) */
  membersByDefault: boolean;
  /** RFC 7643 §4.1.2 read-only `groups` on users; Netskope has none (docs/netskope.md §5.1) */
  userGroups: boolean;
  /** Core extras and the enterprise extension are stored only once enabled via /Schemas (docs/netskope.md §5.3) */
  gateOptionalAttributes: boolean;
  /** Legacy G1 tenants ignore userName and email changes after creation (docs/netskope.md §8.1) */
  ignoreIdentityChanges: boolean;
  /** Netskope requires a primary email on create: 400 "Primary Email not provided" (docs/netskope.md §5.1) */
  requirePrimaryEmail: boolean;
  /** Netskope's one admin-defined schema, `…:extension:tenant:2.0:User` (docs/netskope.md §5.3) */
  customSchema: boolean;
  /**
   * `name.givenName`/`familyName` always present (empty when unknown): Okta's SPEC test reads them
   * from the first listed user (docs/okta.md Q17). The rfc profile returns only what is stored.
   */
  emptyNameParts: boolean;
  /** POST /.search (RFC 7644 §3.4.3); a Netskope tenant has none (docs/netskope.md §4) */
  searchEndpoint: boolean;
}

export const PROFILES: Record<ProfileName, Profile> = {
  netskope: {
    name: 'netskope',
    patchReply: 'no-content',
    errorStyle: 'netskope',
    membersByDefault: false,
    userGroups: false,
    gateOptionalAttributes: true,
    ignoreIdentityChanges: false,
    requirePrimaryEmail: true,
    customSchema: true,
    emptyNameParts: true,
    searchEndpoint: false,
  },
  'netskope-legacy': {
    name: 'netskope-legacy',
    patchReply: 'no-content',
    errorStyle: 'netskope',
    membersByDefault: false,
    userGroups: false,
    gateOptionalAttributes: true,
    ignoreIdentityChanges: true,
    requirePrimaryEmail: true,
    customSchema: true,
    emptyNameParts: true,
    searchEndpoint: false,
  },
  rfc: {
    name: 'rfc',
    patchReply: 'resource',
    errorStyle: 'rfc',
    membersByDefault: true,
    userGroups: true,
    gateOptionalAttributes: false,
    ignoreIdentityChanges: false,
    requirePrimaryEmail: false,
    customSchema: false,
    emptyNameParts: false,
    searchEndpoint: true,
  },
};

/** Attributes a Netskope tenant always stores (docs/netskope.md "Emulator requirements"). */
export const ALWAYS_STORED_USER_ATTRIBUTES = ['userName', 'name', 'emails', 'active', 'externalId'] as const;

/** Core extras and enterprise attributes that an admin can enable (docs/netskope.md §5.3). */
export const OPTIONAL_CORE_ATTRIBUTES = [
  'displayName',
  'locale',
  'preferredLanguage',
  'timezone',
  'title',
  'userType',
] as const;
export const OPTIONAL_ENTERPRISE_ATTRIBUTES = [
  'costCenter',
  'department',
  'division',
  'employeeNumber',
  'organization',
  'manager',
] as const;
