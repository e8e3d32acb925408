/**
 * The admin contract: the one interface between the console (renderer) and the server. Its
 * methods are listed once, in ./methods.ts; this file holds the types they carry and the zod
 * validators of their inputs. The service (./service.ts) implements the methods over parsed
 * input; the bindings (electron/ipc.ts, ./http.ts) validate every payload once, through
 * ./invoke.ts, before the service sees it (IPC payloads are untrusted input per Electron's
 * security checklist, item 17 "Validate the sender of all IPC messages").
 */
import { z } from 'zod';

import { OKTA_ACTIONS } from '../domain/okta-action';
import type { ActivityItem } from '../domain/activity';
import type { DiffEntry, HistoryPage, MemberRef, Version } from '../domain/history';
import { PROFILE_NAMES, type ProfileName } from '../domain/profiles';
import type { FaultPreset, FaultRule, FaultRuleState } from '../domain/fault-rule';
import type { LogEntry, LogQuery, LogResourceRef, LogSummary } from '../domain/request-record';
import type { RetryChain } from '../domain/retries';
import { OPT_IN_ATTRIBUTES, SETTINGS_LIMITS, type Settings, type SettingsPatch } from '../domain/settings';
import {
  SIMULATOR_APPS,
  SIMULATOR_FLOWS,
  type RunResult,
  type SimulatorApp,
  type SimulatorFlow,
  type StepResult,
} from '../simulator/types';
import type { AdminMethod, AdminSchema } from './methods';

export { OPT_IN_ATTRIBUTES, PROFILE_NAMES, SETTINGS_LIMITS };
export type { LogEntry, LogQuery, LogResourceRef, LogSummary, ProfileName, Settings, SettingsPatch };
export type { FaultPreset, FaultRule, FaultRuleState, RetryChain };
export type { ActivityItem, DiffEntry, HistoryPage, MemberRef, Version };
export { ADMIN_METHOD_NAMES } from './methods';
export type { AdminApi, AdminData, AdminHandlers, AdminInput, AdminMethod, AdminParsed } from './methods';
export { SIMULATOR_APPS, SIMULATOR_FLOWS };
export type { RunResult, SimulatorApp, SimulatorFlow, StepResult };

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
/** A list query as the service receives it (defaults applied). */
export type ParsedListQuery = z.output<typeof listQuerySchema>;

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
/** setCustomSchema: the whole schema, or null to delete it (docs/schemas.md). */
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
export type ParsedMemberQuery = z.output<typeof memberQuerySchema>;

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
  actions: z.array(z.enum(OKTA_ACTIONS)).max(OKTA_ACTIONS.length).optional(),
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
    history: z.object({
      enabled: z.boolean(),
      maxBytes: z.number().int().min(L.historyMaxBytes.min).max(L.historyMaxBytes.max),
    }),
  })
  .partial() satisfies z.ZodType<SettingsPatch>;

/** A resource's history, newest first (docs/history.md). */
export const historyQuerySchema = z.object({
  id: z.string().min(1).max(256),
  beforeSeq: z.number().int().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export const activityQuerySchema = z.object({
  beforeSeq: z.number().int().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export const exportReportSchema = z.object({ format: z.enum(['html', 'json', 'har']) });
/** HAR export of chosen request-log entries */
export const exportHarSchema = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(5000) });

export const createTokenSchema = z.object({ clientName: z.string().trim().min(1).max(128) });
export const revokeTokenSchema = z.object({ scimId: z.number().int().min(1) });

/** "Simulate Okta" on Connect: which flows (default all, prerequisites added) and which app type. */
export const simulateOktaSchema = z
  .object({
    flows: z.array(z.enum(SIMULATOR_FLOWS)).min(1).max(SIMULATOR_FLOWS.length).optional(),
    app: z.enum(SIMULATOR_APPS).optional(),
  })
  .strict();

/** Fault rules (docs/faults.md): the rules are validated by the service, with messages naming rule and field. */
export const setFaultRulesSchema = z.object({ rules: z.array(z.unknown()).max(1000) });
export const toggleFaultRuleSchema = z.object({ name: z.string().min(1).max(256), enabled: z.boolean() });
export const checkFaultRulesSchema = z.object({ text: z.string().max(1_000_000) });
export const addFaultPresetSchema = z.object({ id: z.string().min(1).max(64) });

export interface FaultsView {
  rules: FaultRuleState[];
  presets: FaultPreset[];
  /** any rule enabled and not used up: the console's banner */
  anyActive: boolean;
}
export type FaultCheck = { ok: true; rules: FaultRule[] } | { ok: false; errors: string[] };

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

/**
 * What changed among users or groups since the last event, as the console's lists show it, so
 * the console patches the rows it holds instead of refetching pages (docs/live-updates.md).
 */
export interface RowsChange<Row> {
  /** the changed rows, read after the writes; a soft-deleted one says `deleted: true` */
  rows: Row[];
  /** ids that changed but no longer exist at all */
  removed: string[];
  /** more changed than one event carries: rows and removed are empty, refetch what is shown */
  overflow: boolean;
}

export type AdminEvent =
  | { type: 'log'; entry: LogSummary }
  | { type: 'log-cleared' }
  | ({ type: 'users-changed' } & RowsChange<UserRow>)
  | ({ type: 'groups-changed' } & RowsChange<GroupRow>)
  /** the whole token list (a handful of rows), after a create, a revoke or a new last-used time */
  | { type: 'tokens-changed'; tokens: TokenInfo[] }
  | { type: 'settings-changed' }
  | { type: 'checklist'; steps: ChecklistStep[] }
  | { type: 'store'; health: 'ok' | 'failed'; message: string | null }
  /** "Simulate Okta" progress: a step finished, or the run started (step null) */
  | { type: 'simulation'; running: true; step: StepResult | null }
  | { type: 'simulation'; running: false; passed: number; failed: number }
  | { type: 'faults-changed' };

/**
 * The validator of each admin method (undefined: it takes no argument). The method table in
 * ./methods.ts names each validator's type, and `satisfies` holds this object to it key for key,
 * so a method added there fails to compile until its validator is here.
 */
export const ADMIN_INPUT = {
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
  simulateOkta: simulateOktaSchema,
  listFaults: undefined,
  setFaultRules: setFaultRulesSchema,
  toggleFaultRule: toggleFaultRuleSchema,
  addFaultPreset: addFaultPresetSchema,
  checkFaultRules: checkFaultRulesSchema,
  faultRetries: undefined,
  getHistory: historyQuerySchema,
  activity: activityQuerySchema,
  exportReport: exportReportSchema,
  exportHar: exportHarSchema,
  getCustomSchema: undefined,
  setCustomSchema: customSchemaSchema,
} satisfies { readonly [M in AdminMethod]: AdminSchema<M> };

/** An error the console can show: `code` is stable, `message` is for people. */
export interface AdminErrorBody {
  code: 'invalid-input' | 'not-found' | 'conflict' | 'unavailable' | 'internal';
  message: string;
}
