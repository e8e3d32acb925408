/**
 * The admin methods, each written once: its name, the validator it takes (named by type; the
 * validator values live in ./contract.ts `ADMIN_INPUT`, which the compiler holds to this table
 * key for key and type for type) and what it returns. Everything else is derived from this
 * table: the caller's `AdminApi`, the service's `AdminHandlers`, the IPC channels
 * (electron/channels.ts), the HTTP routes (./http.ts via ./invoke.ts) and the console's client
 * (renderer/src/api/method-client.ts, which has no list of its own).
 *
 * Every import here is type-only, so this module costs nothing at run time: the sandboxed
 * preload bundle reads the names from it without pulling in zod (docs/architecture.md, "Layers").
 */
import type { z } from 'zod';
import type {
  addFaultPresetSchema,
  checkFaultRulesSchema,
  ChecklistStep,
  FaultCheck,
  FaultsView,
  RetryChain,
  setFaultRulesSchema,
  toggleFaultRuleSchema,
  ActivityItem,
  activityQuerySchema,
  exportHarSchema,
  exportReportSchema,
  HistoryPage,
  historyQuerySchema,
  createTokenSchema,
  customSchemaSchema,
  CustomSchemaView,
  GroupDetail,
  GroupRow,
  idSchema,
  listQuerySchema,
  LogEntry,
  logExportSchema,
  logQuerySchema,
  LogSummary,
  memberQuerySchema,
  MemberRow,
  NewToken,
  Page,
  revokeTokenSchema,
  RunResult,
  ServerInfo,
  Settings,
  settingsPatchSchema,
  simulateOktaSchema,
  TokenInfo,
  UserDetail,
  UserRow,
} from './contract';

/** A method's signature as data: the validator type it takes (`undefined`: none) and its result (`null`: nothing to return, as the wire carries it). */
export interface MethodSig<Schema, Result> {
  /** phantom fields: they carry types only and are never set */
  readonly schema?: Schema;
  readonly result?: Result;
}
const sig = <Schema extends z.ZodType | undefined, Result>(): MethodSig<Schema, Result> => ({});

export const ADMIN_METHODS = {
  info: sig<undefined, ServerInfo>(),
  listTokens: sig<undefined, TokenInfo[]>(),
  createToken: sig<typeof createTokenSchema, NewToken>(),
  revokeToken: sig<typeof revokeTokenSchema, null>(),
  listUsers: sig<typeof listQuerySchema, Page<UserRow>>(),
  getUser: sig<typeof idSchema, UserDetail>(),
  listGroups: sig<typeof listQuerySchema, Page<GroupRow>>(),
  getGroup: sig<typeof idSchema, GroupDetail>(),
  listGroupMembers: sig<typeof memberQuerySchema, Page<MemberRow>>(),
  queryLog: sig<typeof logQuerySchema, LogSummary[]>(),
  getLogEntry: sig<typeof idSchema, LogEntry>(),
  clearLog: sig<undefined, null>(),
  exportLog: sig<typeof logExportSchema, string>(),
  getSettings: sig<undefined, Settings>(),
  updateSettings: sig<typeof settingsPatchSchema, Settings>(),
  checklist: sig<undefined, ChecklistStep[]>(),
  simulateOkta: sig<typeof simulateOktaSchema, RunResult>(),
  listFaults: sig<undefined, FaultsView>(),
  setFaultRules: sig<typeof setFaultRulesSchema, FaultsView>(),
  toggleFaultRule: sig<typeof toggleFaultRuleSchema, FaultsView>(),
  addFaultPreset: sig<typeof addFaultPresetSchema, FaultsView>(),
  checkFaultRules: sig<typeof checkFaultRulesSchema, FaultCheck>(),
  faultRetries: sig<undefined, RetryChain[]>(),
  getHistory: sig<typeof historyQuerySchema, HistoryPage>(),
  activity: sig<typeof activityQuerySchema, ActivityItem[]>(),
  exportReport: sig<typeof exportReportSchema, string>(),
  exportHar: sig<typeof exportHarSchema, string>(),
  /** the tenant's custom schema (docs/schemas.md), or null when none is defined */
  getCustomSchema: sig<undefined, CustomSchemaView | null>(),
  /** creates or replaces it (null deletes it); refused while users hold values it would change */
  setCustomSchema: sig<typeof customSchemaSchema, CustomSchemaView | null>(),
} as const;

export type AdminMethod = keyof typeof ADMIN_METHODS;

/** The method names in table order: the IPC channels and the preload bridge are built from it. */
export const ADMIN_METHOD_NAMES: readonly AdminMethod[] = Object.freeze(
  Object.keys(ADMIN_METHODS) as AdminMethod[],
);

/** The validator type of a method (`undefined`: it takes no argument). */
export type AdminSchema<M extends AdminMethod> =
  (typeof ADMIN_METHODS)[M] extends MethodSig<infer S, unknown> ? S : never;

/** What a method resolves to. */
export type AdminData<M extends AdminMethod> =
  (typeof ADMIN_METHODS)[M] extends MethodSig<z.ZodType | undefined, infer R> ? R : never;

/** What a caller may pass (before validation: defaults not yet applied). */
export type AdminInput<M extends AdminMethod> =
  AdminSchema<M> extends z.ZodType ? z.input<AdminSchema<M>> : undefined;

/** What the service receives (after validation at the binding: defaults applied, unknown keys gone). */
export type AdminParsed<M extends AdminMethod> =
  AdminSchema<M> extends z.ZodType ? z.output<AdminSchema<M>> : undefined;

/** The console's view: every method, taking unvalidated input. */
export type AdminApi = {
  [M in AdminMethod]: [AdminSchema<M>] extends [undefined]
    ? () => Promise<AdminData<M>>
    : (input: AdminInput<M>) => Promise<AdminData<M>>;
};

/** The service's view: every method, taking the input as the binding parsed it. */
export type AdminHandlers = {
  [M in AdminMethod]: [AdminSchema<M>] extends [undefined]
    ? () => Promise<AdminData<M>>
    : (input: AdminParsed<M>) => Promise<AdminData<M>>;
};
