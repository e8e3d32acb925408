/**
 * Group writes: the one place that runs their transaction, keeps displayName unique, applies
 * membership edits (./member-edits.ts) and the soft delete, and records what changed
 * (./resource-writes.ts). The SCIM handlers build the document and list the member edits.
 */
import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../domain/errors';
import type { GroupsRepo, StoredGroup } from './groups-repo';
import { applyMemberEdits, MemberEdits } from './member-edits';
import type { WriteContext } from './resource-change';
import type { ResourceWrites, WriteScope } from './resource-writes';
import type { Reader } from './types';
import type { UsersRepo } from './users-repo';

const now = (): string => new Date().toISOString();

/** Members that are not users: refused with a 400 (strict) or dropped with a warning (docs/netskope.md §6). */
export interface MemberPolicy {
  strictMembers: boolean;
}

/** What a group write computes from the current group: its new attributes (displayName required). */
export type GroupEdit = (current: StoredGroup, members: MemberEdits) => Record<string, unknown>;

export class GroupService {
  constructor(
    private readonly users: UsersRepo,
    private readonly groups: GroupsRepo,
    private readonly writes: ResourceWrites,
  ) {}

  /** A live group, or a 404. */
  load(r: Reader, id: string): StoredGroup {
    const g = this.groups.findById(r, id);
    if (!g) throw notFound(`Group ${id} not found`);
    return g;
  }

  /** Creates a group and adds `members` (`members.add/replace` of the callback's edits). */
  create(
    ctx: WriteContext,
    policy: MemberPolicy,
    doc: Record<string, unknown>,
    members?: (edits: MemberEdits) => void,
  ): Promise<StoredGroup> {
    const edits = new MemberEdits();
    members?.(edits);
    return this.writes.run(ctx, (w) => {
      this.ensureUnique(w, doc);
      const at = now();
      const group = this.groups.insert(w.tx, randomUUID(), doc, at);
      const delta = this.applyMembers(w, group.seq, edits, policy, at);
      if (delta) group.memberCount = this.groups.memberCount(w.tx, group.seq);
      w.record({
        resource: 'Group',
        op: 'create',
        id: group.id,
        seq: group.seq,
        before: null,
        after: group,
        members: delta,
      });
      return group;
    });
  }

  /**
   * Updates a live group (404 if none): `edit(current, members)` runs inside the transaction,
   * returns the new attributes and lists membership edits; it may throw to change nothing.
   * Uniqueness is checked before the member edits apply, so a 409 costs no member lookups.
   * The group gets a new version even when only its members changed.
   */
  update(ctx: WriteContext, policy: MemberPolicy, id: string, edit: GroupEdit): Promise<StoredGroup> {
    return this.writes.run(ctx, (w) => {
      const current = this.load(w.tx, id);
      const edits = new MemberEdits();
      const doc = edit(current, edits);
      this.ensureUnique(w, doc, current.seq);
      const at = now();
      const delta = this.applyMembers(w, current.seq, edits, policy, at);
      const group = this.groups.update(w.tx, current, doc, at);
      w.record({
        resource: 'Group',
        op: 'update',
        id: group.id,
        seq: group.seq,
        before: current,
        after: group,
        members: delta,
      });
      return group;
    });
  }

  /** Soft delete: gone from SCIM reads, members released; users are untouched (docs/okta.md §2.13). */
  delete(ctx: WriteContext, id: string, check?: (current: StoredGroup) => void): Promise<StoredGroup> {
    return this.writes.run(ctx, (w) => {
      const current = this.load(w.tx, id);
      check?.(current);
      const released = w.memberSeqs ? this.groups.memberSeqs(w.tx, current.seq) : undefined;
      const at = now();
      this.groups.softDelete(w.tx, current, at);
      if (current.memberCount) this.users.generations.wrote(); // user lists may filter on groups
      const after: StoredGroup = {
        ...current,
        deleted: true,
        memberCount: 0,
        modified: at,
        version: current.version + 1,
      };
      w.record({
        resource: 'Group',
        op: 'delete',
        id: current.id,
        seq: current.seq,
        before: current,
        after,
        members: current.memberCount
          ? {
              added: 0,
              removed: current.memberCount,
              ...(released ? { addedSeqs: [], removedSeqs: released } : {}),
            }
          : null,
      });
      return current;
    });
  }

  private applyMembers(
    w: WriteScope,
    groupSeq: number,
    edits: MemberEdits,
    policy: MemberPolicy,
    at: string,
  ): ReturnType<typeof applyMemberEdits> {
    if (!edits.edits.length) return null;
    const delta = applyMemberEdits(
      w,
      { users: this.users, groups: this.groups },
      groupSeq,
      edits.edits,
      policy.strictMembers,
      at,
    );
    // A user's `groups` changed: cached user counts may filter on them (groups.value).
    if (delta) this.users.generations.wrote();
    return delta;
  }

  /** Duplicate displayNames are refused (409), as Netskope does (docs/netskope.md §6; docs/okta.md Q23). */
  private ensureUnique(w: WriteScope, doc: Record<string, unknown>, selfSeq?: number): void {
    const displayName = doc['displayName'] as string;
    const other = this.groups.findByDisplayName(w.tx, displayName);
    if (other && other.seq !== selfSeq) throw conflict(`Group ${displayName} already exists.`);
  }
}
