/**
 * User writes: the one place that runs their transaction, keeps userName unique, applies the
 * `active` semantics and the soft delete, and records what changed (./resource-writes.ts).
 * The SCIM handlers build the document; this decides what is stored.
 */
import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../domain/errors';
import type { GroupsRepo } from './groups-repo';
import type { WriteContext } from './resource-change';
import type { ResourceWrites, WriteScope } from './resource-writes';
import type { Reader } from './types';
import type { StoredUser, UserDoc, UsersRepo } from './users-repo';

const now = (): string => new Date().toISOString();

export class UserService {
  constructor(
    private readonly users: UsersRepo,
    private readonly groups: GroupsRepo,
    private readonly writes: ResourceWrites,
  ) {}

  /** A live user, or a 404. */
  load(r: Reader, id: string): StoredUser {
    const user = this.users.findById(r, id);
    if (!user) throw notFound(`User ${id} not found`);
    return user;
  }

  /** Creates a user; `active` defaults to true. 409 when the userName is taken. */
  create(ctx: WriteContext, doc: UserDoc): Promise<StoredUser> {
    doc.resource['active'] = doc.resource['active'] !== false;
    return this.writes.run(ctx, (w) => {
      this.ensureUnique(w, doc);
      const user = this.users.insert(w.tx, randomUUID(), doc, now());
      w.record({ resource: 'User', op: 'create', id: user.id, seq: user.seq, before: null, after: user });
      return user;
    });
  }

  /**
   * Replaces a live user (404 if none) with `next(current)`, which runs inside the transaction
   * and may throw (a failed precondition, a missing attribute) to change nothing. A document
   * without `active` keeps the current value: Okta's classic apps always send it, and losing it
   * would deactivate users (docs/okta.md Q21). 409 when the userName belongs to another user.
   */
  update(ctx: WriteContext, id: string, next: (current: StoredUser) => UserDoc): Promise<StoredUser> {
    return this.writes.run(ctx, (w) => {
      const current = this.load(w.tx, id);
      const doc = next(current);
      if (doc.resource['active'] === undefined) doc.resource['active'] = current.active;
      this.ensureUnique(w, doc, current.seq);
      const user = this.users.update(w.tx, current, doc, now());
      w.record({ resource: 'User', op: 'update', id: user.id, seq: user.seq, before: current, after: user });
      return user;
    });
  }

  /**
   * Soft delete (docs/netskope.md §9): hidden from SCIM, kept in the console as "Deleted".
   * `check(current)` runs first (If-Match). The user leaves its groups; each is a change too.
   */
  delete(ctx: WriteContext, id: string, check?: (current: StoredUser) => void): Promise<StoredUser> {
    return this.writes.run(ctx, (w) => {
      const current = this.load(w.tx, id);
      check?.(current);
      const at = now();
      const left = this.users.softDelete(w.tx, current, at);
      const after: StoredUser = { ...current, deleted: true, modified: at, version: current.version + 1 };
      w.record({ resource: 'User', op: 'delete', id: current.id, seq: current.seq, before: current, after });
      if (left.length) this.groups.generations.wrote(); // cached group counts may filter on members
      for (const g of left) {
        w.record({
          resource: 'Group',
          op: 'members',
          id: g.id,
          seq: g.seq,
          before: null,
          after: null,
          members: {
            added: 0,
            removed: 1,
            ...(w.memberSeqs ? { addedSeqs: [], removedSeqs: [current.seq] } : {}),
          },
        });
      }
      return current;
    });
  }

  /** userName is unique among live users, compared case-insensitively (RFC 7643 §4.1.1). */
  private ensureUnique(w: WriteScope, doc: UserDoc, selfSeq?: number): void {
    const userName = doc.resource['userName'] as string;
    const other = this.users.findByUserName(w.tx, userName);
    if (other && other.seq !== selfSeq) {
      throw conflict(
        `User already exists in the database: userName "${userName}" is taken (compared case-insensitively)`,
      );
    }
  }
}
