/**
 * Builds the validation report from a store reader and the request log (oldest first). The same
 * function serves the console's "Export report" (live store) and `npm run report` (a data
 * directory opened read-only, ./open-data-dir.ts).
 */
import { ChecklistTracker } from '../admin/checklist';
import type { Version } from '../domain/history';
import type { OktaAction } from '../domain/okta-action';
import type { LogEntry, StatusClass } from '../domain/request-record';
import type { StoredSettings } from '../domain/settings';
import type { HistoryStore } from '../store/history-store';
import type { Reader } from '../store/types';
import type {
  EvidenceRef,
  GroupLifecycle,
  LifecycleEvent,
  ReportWarning,
  ResourceHistory,
  UserLifecycle,
  ValidationReport,
} from './report-types';

export interface ReportInput {
  reader: Reader;
  /** request log entries, oldest first */
  entries: readonly LogEntry[];
  settings: StoredSettings;
  tokenCreationTimes: readonly string[];
  /** the tenant's resource history (null: none kept) */
  history: HistoryStore | null;
  source: ValidationReport['source'];
  /** users and groups listed at most (each); the rest are counted */
  maxResources?: number;
  now?: Date;
}

export const DEFAULT_MAX_RESOURCES = 10_000;

interface UserRow {
  id: string;
  user_name: string;
  external_id: string | null;
  active: number;
  deleted: number;
  created: string;
  deleted_at: string | null;
}
interface GroupRow {
  id: string;
  display_name: string;
  external_id: string | null;
  member_count: number;
  deleted: number;
  created: string;
  deleted_at: string | null;
}

function hasTable(r: Reader, name: string): boolean {
  return r.get("SELECT 1 AS t FROM sqlite_master WHERE type = 'table' AND name = ?", [name]) !== undefined;
}

const event = (v: Version): LifecycleEvent => ({ time: v.time, requestId: v.requestId, action: v.action });
const fromTable = (time: string | null): LifecycleEvent | null =>
  time ? { time, requestId: null, action: null } : null;

function evidence(e: LogEntry): EvidenceRef {
  return {
    id: e.id,
    time: e.time,
    method: e.method,
    path: e.path,
    query: e.query,
    status: e.status,
    oktaAction: e.oktaAction,
  };
}

/** The SCIM error a refused request got (RFC 7644 §3.12), read from the logged response. */
function scimError(e: LogEntry): { detail: string; scimType: string | null } {
  try {
    const body = JSON.parse(e.responseBody ?? '') as Record<string, unknown>;
    const detail = typeof body['detail'] === 'string' ? body['detail'] : `HTTP ${e.status}`;
    return { detail, scimType: typeof body['scimType'] === 'string' ? body['scimType'] : null };
  } catch {
    return { detail: `HTTP ${e.status}`, scimType: null };
  }
}

export function collectReport(input: ReportInput): ValidationReport {
  const { reader: r, entries, settings } = input;
  const cap = input.maxResources ?? DEFAULT_MAX_RESOURCES;
  const withHistory = input.history !== null;
  const versions: Version[] = input.history ? [...input.history.all(r)] : [];
  const truncated = input.history?.truncatedResources() ?? new Set<string>();

  const byResource = new Map<string, Version[]>();
  for (const v of versions) {
    const list = byResource.get(v.resourceId);
    if (list) list.push(v);
    else byResource.set(v.resourceId, [v]);
  }

  const userRows = hasTable(r, 'users')
    ? r.all<UserRow>(
        'SELECT id, user_name, external_id, active, deleted, created, deleted_at FROM users ORDER BY seq LIMIT ?',
        [cap],
      )
    : [];
  const groupRows = hasTable(r, 'groups')
    ? r.all<GroupRow>(
        'SELECT id, display_name, external_id, member_count, deleted, created, deleted_at FROM groups ORDER BY seq LIMIT ?',
        [cap],
      )
    : [];
  const count = (t: string): number =>
    hasTable(r, t) ? (r.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)?.n ?? 0) : 0;

  const users: UserLifecycle[] = userRows.map((u) => {
    const vs = byResource.get(u.id) ?? [];
    const of = (k: Version['kind'][]): LifecycleEvent[] => vs.filter((v) => k.includes(v.kind)).map(event);
    const created = vs.find((v) => v.kind === 'create');
    const deleted = vs.find((v) => v.kind === 'delete');
    return {
      id: u.id,
      userName: u.user_name,
      externalId: u.external_id,
      active: u.active === 1,
      deleted: u.deleted === 1,
      created: created ? event(created) : fromTable(u.created),
      updated: of(['replace', 'patch']),
      deactivated: of(['deactivate']),
      reactivated: of(['reactivate']),
      deletedAt: deleted ? event(deleted) : u.deleted ? fromTable(u.deleted_at) : null,
    };
  });

  const groups: GroupLifecycle[] = groupRows.map((g) => {
    const vs = byResource.get(g.id) ?? [];
    const created = vs.find((v) => v.kind === 'create');
    const deleted = vs.find((v) => v.kind === 'delete');
    return {
      id: g.id,
      displayName: g.display_name,
      externalId: g.external_id,
      memberCount: g.member_count,
      deleted: g.deleted === 1,
      pushed: created ? event(created) : fromTable(g.created),
      renamed: vs
        .filter((v) => v.diff.some((d) => d.path === 'displayName') && v.kind !== 'create')
        .map((v) => {
          const d = v.diff.find((x) => x.path === 'displayName');
          return { ...event(v), from: d?.old ?? null, to: d?.new ?? null };
        }),
      membership: vs
        .filter((v) => v.kind !== 'dropped-members' && (v.membersAddedCount > 0 || v.membersRemovedCount > 0))
        .map((v) => ({ ...event(v), added: v.membersAddedCount, removed: v.membersRemovedCount })),
      deletedAt: deleted ? event(deleted) : g.deleted ? fromTable(g.deleted_at) : null,
    };
  });

  const warnings: ReportWarning[] = [];
  const warned = new Set<string>();
  for (const v of versions) {
    if (v.kind !== 'ignored' && v.kind !== 'dropped-members') continue;
    if (v.requestId) warned.add(v.requestId);
    warnings.push({
      time: v.time,
      kind: v.kind === 'ignored' ? 'ignored-attributes' : 'dropped-members',
      resourceType: v.resourceType,
      resourceId: v.resourceId,
      resourceName: v.resourceName,
      detail:
        v.kind === 'ignored'
          ? `Ignored attributes (not enabled in /Schemas): ${v.diff.map((d) => d.path).join(', ')}`
          : `${v.membersAddedCount} member(s) dropped: ${v.membersAdded
              .slice(0, 20)
              .map((m) => `${m.display ?? m.id}${m.reason ? ` (${m.reason})` : ''}`)
              .join(', ')}`,
      requestId: v.requestId,
      ...(v.kind === 'dropped-members' ? { members: v.membersAdded } : {}),
    });
  }
  const statusCounts: Record<StatusClass, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
  const actionCounts: Partial<Record<OktaAction, number>> = {};
  const tracker = new ChecklistTracker();
  tracker.setTokens(input.tokenCreationTimes);
  const byId = new Map<string, LogEntry>();
  for (const e of entries) {
    byId.set(e.id, e);
    tracker.observe(e);
    const cls = `${Math.min(5, Math.max(2, Math.floor(e.status / 100)))}xx` as StatusClass;
    statusCounts[cls]++;
    actionCounts[e.oktaAction] = (actionCounts[e.oktaAction] ?? 0) + 1;
    const res = e.resources[0] ?? null;
    if (e.status >= 400) {
      const err = scimError(e);
      warnings.push({
        time: e.time,
        kind: 'refused-request',
        resourceType: res?.type ?? null,
        resourceId: res?.id ?? null,
        resourceName: res?.name ?? null,
        detail: `${e.method} ${e.path} → ${e.status}: ${err.detail}`,
        requestId: e.id,
        status: e.status,
        scimType: err.scimType,
      });
    } else if (e.warnings.length > 0 && !warned.has(e.id) && !withHistory) {
      // Data written before history existed: the log's own notes are the only record.
      warnings.push({
        time: e.time,
        kind: /member/i.test(e.warnings.join(' ')) ? 'dropped-members' : 'ignored-attributes',
        resourceType: res?.type ?? null,
        resourceId: res?.id ?? null,
        resourceName: res?.name ?? null,
        detail: e.warnings.join('; '),
        requestId: e.id,
      });
    }
  }
  warnings.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));

  const checklist = tracker.steps().map((s) => ({
    id: s.id,
    label: s.label,
    done: s.done,
    at: s.at,
    evidence: s.logIds.flatMap((id) => {
      const e = byId.get(id);
      return e ? [evidence(e)] : [];
    }),
  }));

  const names = new Map<string, { type: 'User' | 'Group'; name: string }>();
  for (const u of users) names.set(u.id, { type: 'User', name: u.userName });
  for (const g of groups) names.set(g.id, { type: 'Group', name: g.displayName });
  const history: ResourceHistory[] = [];
  for (const [id, vs] of byResource) {
    const first = vs[0] as Version;
    history.push({
      resourceType: first.resourceType,
      resourceId: id,
      resourceName: names.get(id)?.name ?? vs[vs.length - 1]?.resourceName ?? null,
      truncated: truncated.has(id),
      versions: [...vs].reverse(),
    });
  }

  const times = [
    ...(entries.length ? [entries[0]?.time, entries[entries.length - 1]?.time] : []),
    ...(versions.length ? [versions[0]?.time, versions[versions.length - 1]?.time] : []),
  ].filter((t): t is string => typeof t === 'string');
  times.sort();
  return {
    title: 'ScimDesk validation report',
    generatedAt: (input.now ?? new Date()).toISOString(),
    source: input.source,
    profile: settings.profile,
    settings: { ...settings },
    span: {
      from: times[0] ?? null,
      to: times[times.length - 1] ?? null,
      requests: entries.length,
      versions: versions.length,
    },
    checklist,
    users,
    groups,
    omitted: {
      users: Math.max(0, count('users') - users.length),
      groups: Math.max(0, count('groups') - groups.length),
    },
    warnings,
    statusCounts,
    actionCounts,
    history,
  };
}
