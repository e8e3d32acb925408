/**
 * The admin contract: the one interface between the console (renderer) and the server.
 * Implemented once by the admin service (./service.ts), bound twice: Electron IPC
 * (electron/ipc.ts + preload) and HTTP+SSE in headless mode (./http.ts). Payloads are
 * validated with the zod schemas below on both bindings (IPC payloads are untrusted input
 * per Electron's security checklist, item 17 "Validate the sender of all IPC messages").
 */
import { z } from 'zod';

import { PROFILE_NAMES, type ProfileName } from '../domain/profiles';
import type { LogEntry, LogQuery, LogResourceRef, LogSummary } from '../domain/request-record';
import { OPT_IN_ATTRIBUTES, SETTINGS_LIMITS, type Settings, type SettingsPatch } from '../domain/settings';

export { OPT_IN_ATTRIBUTES, PROFILE_NAMES, SETTINGS_LIMITS };
export type { LogEntry, LogQuery, LogResourceRef, LogSummary, ProfileName, Settings, SettingsPatch };

export interface ServerInfo {
  version: string;
  profile: ProfileName;
  /** local SCIM base URL, e.g. http://127.0.0.1:8787/api/v2/scim */
  scimBaseUrl: string;
  /** the same store under Netskope's legacy path /SCIM/V2/{orgKey} */
  legacyBaseUrl: string;
  /** the base URL to paste into Okta, built from the public tunnel URL, or null */
  publicBaseUrl: string | null;
  dataDir: string;
  startedAt: string;
  /** 'electron' or 'headless' */
  mode: 'electron' | 'headless';
  storeHealth: 'ok' | 'failed';
  storeError: string | null;
}

export interface TokenInfo {
  scimId: number;
  clientName: string;
  /** first characters of the token, for recognising it; the token itself is never stored */
  tokenPrefix: string;
  creationTime: string;
  lastUsedTime: string | null;
}
/** Returned once, at creation: the only time the secret is shown. */
export interface NewToken extends TokenInfo {
  token: string;
}

export interface UserRow {
  id: string;
  userName: string;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  externalId: string | null;
  active: boolean;
  deleted: boolean;
  created: string;
  modified: string;
}
export interface GroupRef {
  id: string;
  displayName: string;
}
export interface UserDetail extends UserRow {
  /** the SCIM representation as the rfc profile would serve it */
  resource: Record<string, unknown>;
  groups: GroupRef[];
  /** attributes the tenant ignored on the last write (not enabled in /Schemas) */
  ignored: string[];
  requests: LogSummary[];
}

export interface GroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  memberCount: number;
  warningCount: number;
  deleted: boolean;
  created: string;
  modified: string;
}
export interface MemberWarning {
  value: string;
  display: string | null;
  reason: string;
  at: string;
  requestId: string | null;
}
export interface GroupDetail extends GroupRow {
  resource: Record<string, unknown>;
  warnings: MemberWarning[];
  requests: LogSummary[];
}
export interface MemberRow {
  id: string;
  userName: string;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  active: boolean;
}

export interface Page<T> {
  total: number;
  offset: number;
  items: T[];
}

export const listQuerySchema = z.object({
  /** free text: matched against userName/email/name/externalId/id (users) or displayName/externalId/id (groups) */
  search: z.string().max(512).optional(),
  /** a SCIM filter (RFC 7644 §3.4.2.2), run by the same engine as the SCIM endpoint */
  filter: z.string().max(4096).optional(),
  sortBy: z.string().max(128).optional(),
  sortOrder: z.enum(['ascending', 'descending']).optional(),
  includeDeleted: z.boolean().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type ListQuery = z.input<typeof listQuerySchema>;

export const idSchema = z.object({ id: z.string().min(1).max(256) });

/** One custom attribute as the console edits it (RFC 7643 §7 characteristics; checked again by the server). */
export const customAttributeSchema = z.object({
  name: z.string().min(1).max(64),
  type: z.enum(['string', 'boolean', 'integer', 'decimal', 'dateTime', 'reference', 'binary']),
  multiValued: z.boolean(),
  required: z.boolean(),
  caseExact: z.boolean(),
  mutability: z.enum(['readWrite', 'immutable', 'readOnly', 'writeOnly']),
  returned: z.enum(['default', 'always', 'request', 'never']),
  uniqueness: z.enum(['none', 'server', 'global']),
  description: z.string().max(1024),
});
export const customSchemaSchema = z.object({
  schema: z
    .object({
      name: z.string().min(1).max(256),
      description: z.string().max(1024),
      attributes: z.array(customAttributeSchema).max(15),
    })
    .nullable(),
});
export type CustomAttribute = z.infer<typeof customAttributeSchema>;
/** The custom schema as the console shows it, with which attributes users hold values for. */
export interface CustomSchemaView {
  id: string;
  name: string;
  description: string;
  attributes: CustomAttribute[];
  /** names of attributes in use: they can be described but not changed or removed */
  inUse: string[];
}
export const memberQuerySchema = z.object({
  id: z.string().min(1).max(256),
  search: z.string().max(512).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type MemberQuery = z.input<typeof memberQuerySchema>;

export const logQuerySchema = z.object({
  methods: z.array(z.string().max(10)).max(10).optional(),
  statusClasses: z
    .array(z.enum(['2xx', '3xx', '4xx', '5xx']))
    .max(4)
    .optional(),
  resourceType: z.enum(['User', 'Group', 'Discovery', 'Other']).optional(),
  tokenName: z.string().max(256).optional(),
  /** a user or group: our id, the IdP's externalId, userName or displayName */
  resource: z.string().max(512).optional(),
  minDurationMs: z.number().min(0).optional(),
  maxDurationMs: z.number().min(0).optional(),
  from: z.string().max(64).optional(),
  to: z.string().max(64).optional(),
  text: z.string().max(512).optional(),
  /** keyset paging: entries older than this seq */
  beforeSeq: z.number().int().optional(),
  limit: z.number().int().min(1).max(5000).default(200),
}) satisfies z.ZodType<LogQuery>;
export const logExportSchema = logQuerySchema.extend({ format: z.enum(['json', 'csv']) });
export type LogExportQuery = z.input<typeof logExportSchema>;

const L = SETTINGS_LIMITS;
export const settingsPatchSchema = z
  .object({
    profile: z.enum(PROFILE_NAMES),
    strictMembers: z.boolean(),
    rateLimit: z.object({
      enabled: z.boolean(),
      perSecond: z.number().int().min(L.ratePerSecond.min).max(L.ratePerSecond.max),
    }),
    enabledAttributes: z
      .array(z.string().max(L.enabledAttributes.maxLength))
      .max(L.enabledAttributes.maxCount),
    logRetention: z.object({
      maxEntries: z.number().int().min(L.logMaxEntries.min).max(L.logMaxEntries.max),
      maxBytes: z.number().int().min(L.logMaxBytes.min).max(L.logMaxBytes.max),
    }),
    publicUrl: z.string().max(L.publicUrlMaxLength).nullable(),
  })
  .partial() satisfies z.ZodType<SettingsPatch>;

export const createTokenSchema = z.object({ clientName: z.string().trim().min(1).max(128) });
export const revokeTokenSchema = z.object({ scimId: z.number().int().min(1) });

export type ChecklistStepId =
  | 'token-created'
  | 'credentials-tested'
  | 'user-created'
  | 'user-updated'
  | 'user-deactivated'
  | 'group-pushed'
  | 'group-members';
export interface ChecklistStep {
  id: ChecklistStepId;
  label: string;
  done: boolean;
  at: string | null;
  /** log entries that prove the step */
  logIds: string[];
}

export type AdminEvent =
  | { type: 'log'; entry: LogSummary }
  | { type: 'log-cleared' }
  | { type: 'users-changed'; ids: string[] }
  | { type: 'groups-changed'; ids: string[] }
  | { type: 'tokens-changed' }
  | { type: 'settings-changed' }
  | { type: 'checklist'; steps: ChecklistStep[] }
  | { type: 'store'; health: 'ok' | 'failed'; message: string | null };

/** Every function the console may call. Arguments are one JSON object (validated), results JSON. */
export interface AdminApi {
  info(): Promise<ServerInfo>;
  listTokens(): Promise<TokenInfo[]>;
  createToken(input: z.input<typeof createTokenSchema>): Promise<NewToken>;
  revokeToken(input: z.input<typeof revokeTokenSchema>): Promise<void>;
  listUsers(query: ListQuery): Promise<Page<UserRow>>;
  getUser(input: z.input<typeof idSchema>): Promise<UserDetail>;
  listGroups(query: ListQuery): Promise<Page<GroupRow>>;
  getGroup(input: z.input<typeof idSchema>): Promise<GroupDetail>;
  listGroupMembers(query: MemberQuery): Promise<Page<MemberRow>>;
  queryLog(query: LogQuery): Promise<LogSummary[]>;
  getLogEntry(input: z.input<typeof idSchema>): Promise<LogEntry>;
  clearLog(): Promise<void>;
  exportLog(query: LogExportQuery): Promise<string>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  checklist(): Promise<ChecklistStep[]>;
  /** the tenant's custom schema (docs/schemas.md), or null when none is defined */
  getCustomSchema(): Promise<CustomSchemaView | null>;
  /** creates or replaces it (null deletes it); refused while users hold values it would change */
  setCustomSchema(input: z.input<typeof customSchemaSchema>): Promise<CustomSchemaView | null>;
}

/** Names of the AdminApi functions: the IPC channel map and the HTTP routes are derived from it. */
export const ADMIN_METHODS = [
  'info',
  'listTokens',
  'createToken',
  'revokeToken',
  'listUsers',
  'getUser',
  'listGroups',
  'getGroup',
  'listGroupMembers',
  'queryLog',
  'getLogEntry',
  'clearLog',
  'exportLog',
  'getSettings',
  'updateSettings',
  'checklist',
  'getCustomSchema',
  'setCustomSchema',
] as const satisfies readonly (keyof AdminApi)[];
export type AdminMethod = (typeof ADMIN_METHODS)[number];

/** Validators per method (undefined: takes no argument). */
export const ADMIN_INPUT: Record<AdminMethod, z.ZodType | undefined> = {
  info: undefined,
  listTokens: undefined,
  createToken: createTokenSchema,
  revokeToken: revokeTokenSchema,
  listUsers: listQuerySchema,
  getUser: idSchema,
  listGroups: listQuerySchema,
  getGroup: idSchema,
  listGroupMembers: memberQuerySchema,
  queryLog: logQuerySchema,
  getLogEntry: idSchema,
  clearLog: undefined,
  exportLog: logExportSchema,
  getSettings: undefined,
  updateSettings: settingsPatchSchema,
  checklist: undefined,
  getCustomSchema: undefined,
  setCustomSchema: customSchemaSchema,
};

/** An error the console can show: `code` is stable, `message` is for people. */
export interface AdminErrorBody {
  code: 'invalid-input' | 'not-found' | 'conflict' | 'unavailable' | 'internal';
  message: string;
}
