/**
 * Turns one resource write into history versions, inside the write's transaction (so a version
 * is journaled with the write it describes and can never be lost or orphaned). Plugs into the
 * resource services' write observers; the shapes below are what a write hands over: the stored
 * resource before and after, the membership delta as user seqs, and the request's context.
 *
 * Cost: one diff of two resource documents, and for membership at most MAX_LISTED_MEMBERS user
 * seqs (their names are read with the version): flat in the size of the database and of the group.
 */
import {
  MAX_LISTED_MEMBERS,
  REDACTED,
  diffResources,
  updateKind,
  type DiffEntry,
  type MemberRef,
  type VersionKind,
} from '../domain/history';
import type { OktaAction } from '../domain/okta-action';
import type { HistoryStore, NewStoredVersion } from './history-store';
import type { Tx } from './types';

export interface RecordedResource {
  resource: Record<string, unknown>;
  active?: boolean;
  userName?: string;
  displayName?: string | null;
  ignored?: string[];
}

export interface RecordedChange {
  resource: 'User' | 'Group';
  op: 'create' | 'update' | 'delete' | 'members';
  id: string;
  before: RecordedResource | null;
  after: RecordedResource | null;
  members?: { added: number; removed: number; addedSeqs?: number[]; removedSeqs?: number[] } | null;
  /** the attributes the tenant ignored changed with this write (a version of their own) */
  ignoredChanged?: boolean;
  /** members the IdP named that the tenant dropped (not provisioned yet, a group…) */
  dropped?: MemberRef[];
}

export interface RecordContext {
  requestId: string | null;
  tokenName: string | null;
  oktaAction?: OktaAction | null;
  /** 'PUT' or 'PATCH' when the write came from one (a replace or a patch) */
  method?: string | null;
  /** fault injection (issue 13): the rule that shaped the answer */
  fault?: string | null;
}

export interface HistoryOptions {
  enabled: boolean;
  maxBytes: number;
}

const nameOf = (r: RecordedResource | null): string | null => r?.userName ?? r?.displayName ?? null;
const isPassword = (d: DiffEntry): boolean => d.path === 'password';

/** The time as ISO 8601, formatted once per millisecond (writes come in bursts). */
let lastMs = -1;
let lastIso = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

/**
 * One object per version, built once (no spread copies, no closure per write: this runs inside
 * every write).
 */
function version(
  time: string,
  change: RecordedChange,
  ctx: RecordContext,
  kind: VersionKind,
  diff: DiffEntry[],
): NewStoredVersion {
  const v: NewStoredVersion = {
    time,
    resourceType: change.resource,
    resourceId: change.id,
    resourceName: nameOf(change.after) ?? nameOf(change.before),
    requestId: ctx.requestId,
    tokenName: ctx.tokenName,
    action: ctx.oktaAction ?? null,
    kind,
    diff,
    membersAdded: [],
    membersRemoved: [],
    membersAddedCount: 0,
    membersRemovedCount: 0,
  };
  if (ctx.fault) v.fault = ctx.fault;
  return v;
}

export class HistoryRecorder {
  constructor(
    private readonly repo: HistoryStore,
    private readonly options: () => HistoryOptions,
  ) {}

  record(tx: Tx, change: RecordedChange, ctx: RecordContext): void {
    const opts = this.options();
    if (!opts.enabled) return;
    const time = isoNow();
    const diff =
      change.op === 'members' || change.op === 'delete'
        ? []
        : diffResources(change.before?.resource ?? null, change.after?.resource ?? null);
    const kind = this.kindOf(change, ctx, diff);
    if (ctx.oktaAction === 'password-push' && !diff.some(isPassword)) {
      // The tenant never stores a password (RFC 7643 §4.1.1 "returned: never"): say it was pushed.
      diff.push({ path: 'password', old: null, new: REDACTED });
    }
    const m = change.members;
    const v = version(time, change, ctx, kind, diff);
    if (m && (m.added > 0 || m.removed > 0)) {
      // by seq: the names are read with the version, not written with every batch
      v.addedSeqs = (m.addedSeqs ?? []).slice(0, MAX_LISTED_MEMBERS);
      v.removedSeqs = (m.removedSeqs ?? []).slice(0, MAX_LISTED_MEMBERS);
      v.membersAddedCount = m.added;
      v.membersRemovedCount = m.removed;
    }
    const changed = diff.length > 0 || v.membersAddedCount > 0 || v.membersRemovedCount > 0;
    if (changed || change.op !== 'update') this.repo.append(tx, v, opts.maxBytes);

    const ignored = change.after?.ignored ?? [];
    if (ignored.length > 0 && change.op !== 'delete' && change.ignoredChanged !== false) {
      const paths: DiffEntry[] = [];
      for (const path of ignored) paths.push({ path, old: null, new: null });
      this.repo.append(tx, version(time, change, ctx, 'ignored', paths), opts.maxBytes);
    }
    const dropped = change.dropped ?? [];
    if (dropped.length > 0) {
      const d = version(time, change, ctx, 'dropped-members', []);
      d.membersAdded = dropped.slice(0, MAX_LISTED_MEMBERS);
      d.membersAddedCount = dropped.length;
      this.repo.append(tx, d, opts.maxBytes);
    }
  }

  private kindOf(change: RecordedChange, ctx: RecordContext, diff: DiffEntry[]): VersionKind {
    if (change.op === 'create') return 'create';
    if (change.op === 'delete') return 'delete';
    if (change.op === 'members') return 'members';
    if (change.resource === 'User' && change.before && change.after) {
      if (change.before.active === true && change.after.active === false) return 'deactivate';
      if (change.before.active === false && change.after.active === true) return 'reactivate';
    }
    const method = ctx.method === 'PUT' ? 'PUT' : ctx.method === 'PATCH' ? 'PATCH' : null;
    const kind = updateKind(change.resource, diff, method);
    if (change.resource === 'Group' && diff.length === 0 && change.members) return 'members';
    return kind;
  }
}
