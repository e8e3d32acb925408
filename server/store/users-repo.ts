/**
 * Users table access. The SCIM resource is stored whole (without id/meta) in `resource`;
 * the columns that filters, uniqueness and the console hit are derived from it here, in one
 * place, so they can never disagree with the document.
 */
import { fold } from '../domain/fold';
import { userSearchText } from './search-text';
import type { Reader, SqlValue, Tx } from './types';
import { GenerationCounter } from './generations';
import { ResourceLister, type ListResult } from './resource-list';

export interface StoredUser {
  seq: number;
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  active: boolean;
  resource: Record<string, unknown>;
  ignored: string[];
  created: string;
  modified: string;
  version: number;
  deleted: boolean;
}

export interface UserDoc {
  resource: Record<string, unknown>;
  ignored: string[];
}

interface Row {
  seq: number;
  id: string;
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  active: number;
  resource: string;
  ignored: string | null;
  created: string;
  modified: string;
  version: number;
  deleted: number;
}

export const USER_COLUMNS =
  'u.seq, u.id, u.user_name, u.external_id, u.display_name, u.given_name, u.family_name, u.email, u.active, u.resource, u.ignored, u.created, u.modified, u.version, u.deleted';

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** The primary email (RFC 7643 §2.4 "primary"), else the first one. */
export function primaryEmail(resource: Record<string, unknown>): string | null {
  const emails = resource['emails'];
  if (!Array.isArray(emails)) return null;
  const items = emails.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
  const chosen = items.find((e) => e['primary'] === true) ?? items[0];
  return chosen ? str(chosen['value']) : null;
}

/** Values of the derived columns, in the order of INSERT/UPDATE below. */
function columnsOf(id: string, resource: Record<string, unknown>): SqlValue[] {
  const userName = str(resource['userName']) ?? '';
  const name = (resource['name'] ?? {}) as Record<string, unknown>;
  const displayName = str(resource['displayName']);
  const email = primaryEmail(resource);
  return [
    userName,
    fold(userName),
    str(resource['externalId']),
    displayName,
    displayName === null ? null : fold(displayName),
    str(name['givenName']),
    str(name['familyName']),
    email,
    email === null ? null : fold(email),
    resource['active'] === false ? 0 : 1,
    userSearchText(id, resource),
  ];
}

export function toStoredUser(row: Row): StoredUser {
  return {
    seq: row.seq,
    id: row.id,
    userName: row.user_name,
    externalId: row.external_id,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    active: row.active === 1,
    resource: JSON.parse(row.resource) as Record<string, unknown>,
    ignored: row.ignored ? (JSON.parse(row.ignored) as string[]) : [],
    created: row.created,
    modified: row.modified,
    version: row.version,
    deleted: row.deleted === 1,
  };
}

export class UsersRepo {
  readonly generations = new GenerationCounter();
  private readonly lister = new ResourceLister(this.generations.snapshot);

  findById(r: Reader, id: string, includeDeleted = false): StoredUser | undefined {
    const row = r.get<Row>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`, [id]);
    if (!row || (row.deleted === 1 && !includeDeleted)) return undefined;
    return toStoredUser(row);
  }

  /** The live user holding this userName (compared folded: RFC 7643 §4.1.1 caseExact=false). */
  findByUserName(r: Reader, userName: string): StoredUser | undefined {
    const row = r.get<Row>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.user_name_ci = ? AND u.deleted = 0`, [
      fold(userName),
    ]);
    return row ? toStoredUser(row) : undefined;
  }

  /** Maps live user ids to seqs, in chunks that stay under SQLite's parameter limit. */
  seqsForIds(r: Reader, ids: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = r.all<{ id: string; seq: number }>(
        `SELECT id, seq FROM users WHERE deleted = 0 AND id IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      );
      for (const row of rows) out.set(row.id, row.seq);
    }
    return out;
  }

  insert(tx: Tx, id: string, doc: UserDoc, now: string): StoredUser {
    const cols = columnsOf(id, doc.resource);
    const { lastInsertRowid } = tx.run(
      `INSERT INTO users (id, user_name, user_name_ci, external_id, display_name, display_name_ci, given_name, family_name, email, email_ci, active, search_ci, resource, ignored, created, modified, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      [id, ...cols, JSON.stringify(doc.resource), JSON.stringify(doc.ignored), now, now],
    );
    this.generations.wrote();
    return this.fromDoc(lastInsertRowid, id, doc, now, now, 1);
  }

  update(tx: Tx, current: StoredUser, doc: UserDoc, now: string): StoredUser {
    const cols = columnsOf(current.id, doc.resource);
    const version = current.version + 1;
    tx.run(
      `UPDATE users SET user_name = ?, user_name_ci = ?, external_id = ?, display_name = ?, display_name_ci = ?, given_name = ?, family_name = ?, email = ?, email_ci = ?, active = ?, search_ci = ?, resource = ?, ignored = ?, modified = ?, version = ?
       WHERE seq = ?`,
      [...cols, JSON.stringify(doc.resource), JSON.stringify(doc.ignored), now, version, current.seq],
    );
    this.generations.wrote();
    return this.fromDoc(current.seq, current.id, doc, current.created, now, version);
  }

  /**
   * DELETE /Users/{id}: the user disappears from SCIM reads (404 afterwards) but stays in
   * the console as "Deleted", as Netskope keeps `deleted` flags (docs/netskope.md §9).
   * The user leaves every group it was in; each of those groups changed, so it gets a new
   * version (its ETag changes, RFC 7644 §3.14) and is returned, for the change events.
   */
  softDelete(tx: Tx, user: StoredUser, now: string): { seq: number; id: string }[] {
    const groups = tx.all<{ seq: number; id: string }>(
      'SELECT g.seq, g.id FROM group_members gm JOIN groups g ON g.seq = gm.group_seq WHERE gm.user_seq = ? ORDER BY g.seq',
      [user.seq],
    );
    tx.run('DELETE FROM group_members WHERE user_seq = ?', [user.seq]);
    for (const g of groups) {
      tx.run(
        'UPDATE groups SET member_count = member_count - 1, modified = ?, version = version + 1 WHERE seq = ?',
        [now, g.seq],
      );
    }
    tx.run(
      'UPDATE users SET deleted = 1, deleted_at = ?, modified = ?, version = version + 1 WHERE seq = ?',
      [now, now, user.seq],
    );
    this.generations.removed();
    return groups;
  }

  list(
    r: Reader,
    spec: Omit<Parameters<ResourceLister['list']>[1], 'from' | 'alias' | 'select'>,
  ): ListResult<StoredUser> {
    const res = this.lister.list<Row>(r, { ...spec, from: 'users u', alias: 'u', select: USER_COLUMNS });
    return { total: res.total, rows: res.rows.map(toStoredUser) };
  }

  /** Groups of each user (for the rfc profile's read-only `groups` attribute and the console). */
  groupsOf(r: Reader, seqs: readonly number[]): Map<number, { id: string; displayName: string }[]> {
    const out = new Map<number, { id: string; displayName: string }[]>();
    for (let i = 0; i < seqs.length; i += 500) {
      const chunk = seqs.slice(i, i + 500);
      const rows = r.all<{ user_seq: number; id: string; display_name: string }>(
        `SELECT gm.user_seq, g.id, g.display_name FROM group_members gm JOIN groups g ON g.seq = gm.group_seq
         WHERE g.deleted = 0 AND gm.user_seq IN (${chunk.map(() => '?').join(',')}) ORDER BY g.seq`,
        chunk,
      );
      for (const row of rows) {
        const list = out.get(row.user_seq) ?? [];
        list.push({ id: row.id, displayName: row.display_name });
        out.set(row.user_seq, list);
      }
    }
    return out;
  }

  private fromDoc(
    seq: number,
    id: string,
    doc: UserDoc,
    created: string,
    modified: string,
    version: number,
  ): StoredUser {
    const r = doc.resource;
    const name = (r['name'] ?? {}) as Record<string, unknown>;
    return {
      seq,
      id,
      userName: str(r['userName']) ?? '',
      externalId: str(r['externalId']),
      displayName: str(r['displayName']),
      givenName: str(name['givenName']),
      familyName: str(name['familyName']),
      email: primaryEmail(r),
      active: r['active'] !== false,
      resource: r,
      ignored: doc.ignored,
      created,
      modified,
      version,
      deleted: false,
    };
  }
}
