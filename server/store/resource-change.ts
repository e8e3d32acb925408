/**
 * What a resource write tells the rest of the server. Every user and group write goes through
 * the resource services (./user-service.ts, ./group-service.ts), and each resource it changes is
 * described once, inside the transaction, as a ResourceChange handed to the WriteObservers
 * (./resource-writes.ts). The change events the console listens to are the first observer;
 * resource history (issue 12) plugs in as another, without touching the SCIM handlers.
 */
import type { FaultMark } from '../domain/fault-rule';
import type { OktaAction } from '../domain/okta-action';
import type { StoredGroup } from './groups-repo';
import type { Tx } from './types';
import type { StoredUser } from './users-repo';

/** What the request path knows about the write it asks for (the request log links to it). */
export interface WriteContext {
  /** the request log id of the SCIM request that writes, null for writes of the console */
  requestId: string | null;
  /** the name of the token that authenticated the request */
  tokenName: string | null;
  /** notes for the request log: what the tenant did that the client will not see */
  warnings: string[];
  /**
   * The fault rule the request is answered under, when a write goes through under one (a
   * delayed answer, or `afterWrite`: applied, then the answer replaced). Resource history
   * records it beside the write (docs/faults.md "Request log and history").
   */
  fault?: FaultMark | null;
  /** the request's Okta action, classified before dispatch (history names it, docs/history.md) */
  oktaAction?: OktaAction | null;
  /** the HTTP method of the request: a PUT is a replace, a PATCH a patch (history kinds) */
  method?: string;
  /** members dropped by this write (not provisioned yet): history records them as a version of their own */
  dropped?: { value: string; display: string | null; reason: string }[];
}

/**
 * Net membership change of one group in one write, as users' store seqs. Counts are always
 * there; the seqs themselves only when an observer asked for them (WriteObserver.memberSeqs),
 * because finding which of 100,000 pushed members were already in costs a read per chunk. A
 * write with one membership edit lists only the first MAX_LISTED_MEMBERS (domain/history.ts)
 * of each, all that history keeps; several edits list them all (their net sets need them).
 */
export interface MemberDelta {
  added: number;
  removed: number;
  addedSeqs?: number[];
  removedSeqs?: number[];
}

export interface UserChange {
  resource: 'User';
  op: 'create' | 'update' | 'delete';
  id: string;
  seq: number;
  /** null for a create */
  before: StoredUser | null;
  /** the stored user afterwards (for a delete: as it was, now hidden from SCIM) */
  after: StoredUser;
}

export interface GroupChange {
  resource: 'Group';
  /**
   * 'members': only the membership changed, as a side effect of another write (a member user
   * was deleted); before/after are then not loaded.
   */
  op: 'create' | 'update' | 'delete' | 'members';
  id: string;
  seq: number;
  before: StoredGroup | null;
  after: StoredGroup | null;
  /** null when the write left the membership alone */
  members: MemberDelta | null;
}

export type ResourceChange = UserChange | GroupChange;

/** Was this user change a deactivation or a reactivation (Okta's `active` toggle, docs/okta.md §2.4)? */
export function activeTransition(change: UserChange): 'deactivated' | 'reactivated' | null {
  if (!change.before || change.op !== 'update') return null;
  if (change.before.active && !change.after.active) return 'deactivated';
  if (!change.before.active && change.after.active) return 'reactivated';
  return null;
}

/**
 * A subscriber to resource writes. `onChange` runs inside the transaction, once per resource
 * changed, and may write through `tx` (resource history does, so a version is never lost or
 * orphaned); throwing rolls the whole write back. `afterCommit` runs once the write is
 * durable, with every change it made, in order: announce things there.
 */
export interface WriteObserver {
  /** ask for MemberDelta.addedSeqs/removedSeqs (costs reads on large membership writes) */
  memberSeqs?: boolean;
  onChange?(change: ResourceChange, tx: Tx, ctx: WriteContext): void;
  afterCommit?(changes: readonly ResourceChange[], ctx: WriteContext): void;
}
