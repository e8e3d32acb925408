/**
 * Membership edits of one group write. A handler lists them in request order (a PATCH mixes
 * adds, removes and replaces, RFC 7644 §3.5.2); the group service applies them in that order,
 * after the group's own attributes have passed their checks, and keeps the net MemberDelta
 * its observers receive.
 */
import { MAX_LISTED_MEMBERS } from '../domain/history';
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

/** Seqs looked up per query when listing the first members an edit changes. */
const LIST_CHUNK = 128;

/**
 * The first `limit` of `seqs` (in request order, each once) that are, or are not, members now:
 * a query per LIST_CHUNK seqs, stopping as soon as enough are found, so a 1,000-member push
 * usually costs one small read instead of one over every seq.
 */
function firstMembers(
  g: GroupsRepo,
  tx: WriteScope['tx'],
  groupSeq: number,
  seqs: readonly number[],
  present: boolean,
): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < seqs.length && out.length < MAX_LISTED_MEMBERS; i += LIST_CHUNK) {
    const chunk = seqs.slice(i, i + LIST_CHUNK);
    const members = new Set(g.membersAmong(tx, groupSeq, chunk));
    for (const s of chunk) {
      if (out.length === MAX_LISTED_MEMBERS) break;
      if (members.has(s) === present && !seen.has(s)) out.push(s);
      seen.add(s);
    }
  }
  return out;
}

/**
 * One edit on its own (Okta's pushes send one operation a request): its counts are the rows
 * inserted or deleted, which are exact and net, and only the first MAX_LISTED_MEMBERS changed
 * seqs are looked up, since that is all an observer keeps (docs/history.md). Returns undefined
 * for a replace, which goes the general way.
 */
function applySingleEdit(
  scope: WriteScope,
  repos: { users: UsersRepo; groups: GroupsRepo },
  groupSeq: number,
  edit: MemberEdit,
  strict: boolean,
  at: string,
): MemberDelta | null | undefined {
  const { tx, ctx } = scope;
  const g = repos.groups;
  const delta = (added: number, removed: number, addedSeqs: number[], removedSeqs: number[]) =>
    added || removed ? { added, removed, addedSeqs, removedSeqs } : null;
  switch (edit.kind) {
    case 'add': {
      const seqs = resolveMembers(repos, tx, ctx, groupSeq, edit.refs, strict, at);
      const listed = firstMembers(g, tx, groupSeq, seqs, false);
      return delta(g.addMembers(tx, groupSeq, seqs, at), 0, listed, []);
    }
    case 'remove': {
      const seqs = [...repos.users.seqsForIds(tx, edit.ids).values()];
      const listed = firstMembers(g, tx, groupSeq, seqs, true);
      return delta(0, g.removeMembers(tx, groupSeq, seqs), [], listed);
    }
    case 'removeWhere': {
      const listed = g.memberSeqs(tx, groupSeq, edit.where, MAX_LISTED_MEMBERS);
      return delta(0, g.removeMembersWhere(tx, groupSeq, edit.where), [], listed);
    }
    case 'removeAll': {
      const listed = g.memberSeqs(tx, groupSeq, undefined, MAX_LISTED_MEMBERS);
      return delta(0, g.removeAllMembers(tx, groupSeq), [], listed);
    }
    case 'replace':
      return undefined;
  }
}

/**
 * Applies the edits to group `groupSeq` in order. Returns the net delta, or null when the
 * membership did not change. Without exact seqs, counts are rows inserted and deleted (an add
 * then a remove of one user counts in both); with them, counts are the net sets' sizes, and the
 * seqs are listed (all of them for several edits, the first MAX_LISTED_MEMBERS for one).
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
  const [only] = edits;
  if (scope.memberSeqs && only && edits.length === 1) {
    const single = applySingleEdit(scope, repos, groupSeq, only, strict, at);
    if (single !== undefined) return single;
  }
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
