/**
 * Membership edits of one group write. A handler lists them in request order (a PATCH mixes
 * adds, removes and replaces, RFC 7644 §3.5.2); the group service applies them in that order,
 * after the group's own attributes have passed their checks, and keeps the net MemberDelta
 * its observers receive.
 */
import type { SqlValue } from '../query/sql-target';
import type { GroupsRepo } from './groups-repo';
import { resolveMembers, type MemberRef } from './member-refs';
import type { MemberDelta } from './resource-change';
import type { WriteScope } from './resource-writes';
import type { UsersRepo } from './users-repo';

export type { MemberRef };

/** A compiled filter over `mu`, the member's users row (see memberRowTarget in ./sql-targets.ts). */
export interface MemberWhere {
  sql: string;
  params: readonly SqlValue[];
}

export type MemberEdit =
  | { kind: 'add'; refs: readonly MemberRef[] }
  | { kind: 'remove'; ids: readonly string[] }
  | { kind: 'removeWhere'; where: MemberWhere }
  | { kind: 'removeAll' }
  | { kind: 'replace'; refs: readonly MemberRef[] };

/** What a group write does to the membership, listed by the handler. */
export class MemberEdits {
  readonly edits: MemberEdit[] = [];
  add(refs: readonly MemberRef[]): void {
    this.edits.push({ kind: 'add', refs });
  }
  /** Removing a non-member (or an unknown id) is a successful no-op (docs/okta.md Q6). */
  remove(ids: readonly string[]): void {
    this.edits.push({ kind: 'remove', ids });
  }
  removeWhere(where: MemberWhere): void {
    this.edits.push({ kind: 'removeWhere', where });
  }
  removeAll(): void {
    this.edits.push({ kind: 'removeAll' });
  }
  /** All members become exactly these (PUT, PATCH replace of `members`). */
  replace(refs: readonly MemberRef[]): void {
    this.edits.push({ kind: 'replace', refs });
  }
}

/** Net membership change; exact seqs only when asked for (they cost a read per chunk). */
class DeltaTracker {
  private added = 0;
  private removed = 0;
  private readonly addedSeqs = new Set<number>();
  private readonly removedSeqs = new Set<number>();
  constructor(readonly exact: boolean) {}

  onAdded(count: number, seqs: readonly number[] = []): void {
    this.added += count;
    for (const s of seqs) if (!this.removedSeqs.delete(s)) this.addedSeqs.add(s);
  }
  onRemoved(count: number, seqs: readonly number[] = []): void {
    this.removed += count;
    for (const s of seqs) if (!this.addedSeqs.delete(s)) this.removedSeqs.add(s);
  }
  result(): MemberDelta | null {
    if (!this.exact) return this.added || this.removed ? { added: this.added, removed: this.removed } : null;
    if (!this.addedSeqs.size && !this.removedSeqs.size) return null;
    return {
      added: this.addedSeqs.size,
      removed: this.removedSeqs.size,
      addedSeqs: [...this.addedSeqs],
      removedSeqs: [...this.removedSeqs],
    };
  }
}

/**
 * Applies the edits to group `groupSeq` in order. Returns the net delta, or null when the
 * membership did not change. Without exact seqs, counts are rows inserted and deleted (an add
 * then a remove of one user counts in both); with them, counts are the net sets' sizes.
 */
export function applyMemberEdits(
  scope: WriteScope,
  repos: { users: UsersRepo; groups: GroupsRepo },
  groupSeq: number,
  edits: readonly MemberEdit[],
  strict: boolean,
  at: string,
): MemberDelta | null {
  const { tx, ctx } = scope;
  const g = repos.groups;
  const delta = new DeltaTracker(scope.memberSeqs);
  const add = (refs: readonly MemberRef[]): void => {
    const seqs = resolveMembers(repos, tx, ctx, groupSeq, refs, strict, at);
    if (!delta.exact) return delta.onAdded(g.addMembers(tx, groupSeq, seqs, at));
    const already = new Set(g.membersAmong(tx, groupSeq, seqs));
    delta.onAdded(
      g.addMembers(tx, groupSeq, seqs, at),
      seqs.filter((s) => !already.has(s)),
    );
  };
  const removeAll = (): void => {
    const before = delta.exact ? g.memberSeqs(tx, groupSeq) : undefined;
    delta.onRemoved(g.removeAllMembers(tx, groupSeq), before);
  };
  for (const edit of edits) {
    switch (edit.kind) {
      case 'add':
        add(edit.refs);
        break;
      case 'remove': {
        const seqs = [...repos.users.seqsForIds(tx, edit.ids).values()];
        const present = delta.exact ? g.membersAmong(tx, groupSeq, seqs) : undefined;
        delta.onRemoved(g.removeMembers(tx, groupSeq, seqs), present);
        break;
      }
      case 'removeWhere': {
        const present = delta.exact ? g.memberSeqs(tx, groupSeq, edit.where) : undefined;
        delta.onRemoved(g.removeMembersWhere(tx, groupSeq, edit.where), present);
        break;
      }
      case 'removeAll':
        removeAll();
        break;
      case 'replace':
        removeAll();
        add(edit.refs);
        break;
    }
  }
  return delta.result();
}
