/**
 * Resource history rows (docs/history.md): append inside the write's transaction (so a version
 * is journaled with the write it describes), page a resource's versions newest first by
 * keyset, and enforce the size cap by dropping the oldest versions first. Every statement here
 * touches a bounded number of rows: the cost of a version does not grow with the table.
 */
import { isOktaAction } from '../domain/okta-action';
import type {
  DiffEntry,
  HistoryPage,
  HistoryQuery,
  MemberRef,
  NewVersion,
  Version,
  VersionKind,
} from '../domain/history';
import type { Reader, Tx } from './types';

interface Row {
  seq: number;
  resource_id: string;
  v: string;
}

const COLUMNS = 'seq, resource_id, v';

/**
 * A version as stored (migration 6): one JSON array, by position, after the resource id and
 * the seq, which are columns. Trailing empty fields (no members, no fault) are left off, and a
 * diff entry is `[path, old, new]`; rows migrated from the older, one-column-per-field table
 * have every field and diff entries as `{path, old, new}`, and read the same.
 */
type VersionRow = [
  time: string,
  resourceType: 'User' | 'Group',
  resourceName: string | null,
  requestId: string | null,
  tokenName: string | null,
  action: string | null,
  kind: VersionKind,
  diff: (DiffEntry | [string, unknown, unknown])[],
  membersAdded?: StoredMembers | null,
  membersRemoved?: StoredMembers | null,
  membersAddedCount?: number,
  membersRemovedCount?: number,
  fault?: string | null,
];

/** What a version counts against the retention cap: its stored bytes plus a row's overhead. */
const ROW_OVERHEAD = 16;
const BYTES_SQL = `length(CAST(v AS BLOB)) + length(CAST(resource_id AS BLOB)) + ${ROW_OVERHEAD}`;

/**
 * A version as the recorder hands it over: listed members of a membership write come as user
 * seqs (names are looked up when the version is read, ./history-repo.ts `named`); dropped
 * members, which have no user row, come as refs.
 */
export type NewStoredVersion = NewVersion & { addedSeqs?: number[]; removedSeqs?: number[] };

/** A stored member list: refs (dropped members; versions written before seqs were stored) or user seqs. */
type StoredMembers = (MemberRef | number)[];

/**
 * Names the members listed by seq: one read of the users table per 500 seqs for a whole page
 * of versions. A user row is never removed (a delete hides it), so every seq resolves; the name
 * shown is the user's userName now.
 */
function named(r: Reader, rows: readonly Row[]): Version[] {
  const seqs = new Set<number>();
  const decoded = rows.map((row) => {
    const v = JSON.parse(row.v) as VersionRow;
    for (const m of [...(v[8] ?? []), ...(v[9] ?? [])]) if (typeof m === 'number') seqs.add(m);
    return v;
  });
  const refs = new Map<number, MemberRef>();
  const all = [...seqs];
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    for (const u of r.all<{ seq: number; id: string; user_name: string }>(
      `SELECT seq, id, user_name FROM users WHERE seq IN (${chunk.map(() => '?').join(',')})`,
      chunk,
    )) {
      refs.set(u.seq, { id: u.id, display: u.user_name });
    }
  }
  const resolve = (list: StoredMembers | null | undefined): MemberRef[] =>
    (list ?? []).flatMap((m) =>
      typeof m === 'number' ? (refs.has(m) ? [refs.get(m) as MemberRef] : []) : [m],
    );
  return rows.map((row, i) => toVersion(row, decoded[i] as VersionRow, resolve));
}

function toVersion(
  row: Row,
  v: VersionRow,
  resolve: (list: StoredMembers | null | undefined) => MemberRef[],
): Version {
  const version: Version = {
    seq: row.seq,
    time: v[0],
    resourceType: v[1],
    resourceId: row.resource_id,
    resourceName: v[2],
    requestId: v[3],
    tokenName: v[4],
    action: isOktaAction(v[5]) ? v[5] : null,
    kind: v[6],
    diff: v[7].map((d) => (Array.isArray(d) ? { path: d[0], old: d[1], new: d[2] } : d)),
    membersAdded: resolve(v[8]),
    membersRemoved: resolve(v[9]),
    membersAddedCount: v[10] ?? 0,
    membersRemovedCount: v[11] ?? 0,
  };
  if (v[12]) version.fault = v[12];
  return version;
}

/** Short, because its text is journaled with every version. */
const INSERT_VERSION = 'INSERT INTO history VALUES (NULL,?,?)';

/** Rows looked at per pruning step; pruning runs until the total is back under 90 % of the cap. */
const PRUNE_BATCH = 512;
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

export interface HistoryStats {
  bytes: number;
  versions: number;
}

/** The running total, and the last version seq it counts (to notice rows it did not see). */
interface Totals extends HistoryStats {
  lastSeq: number;
}

export class HistoryRepo {
  /**
   * The retention cap's running total, kept in memory: a version costs one INSERT, not also an
   * UPDATE and a SELECT of a stats row (a third of history's cost on a PUT, measured with
   * bench/history-cost.ts). Computed from the table when first needed, and again whenever a
   * version's seq does not follow the last one counted: a rolled-back write or a reload of
   * memory from disk took rows away (AUTOINCREMENT never reuses a committed seq, so a gap in the
   * other direction cannot happen).
   */
  private totals: Totals | null = null;

  /** Appends a version and enforces the cap; returns its seq. Call inside the write's transaction. */
  append(tx: Tx, v: NewStoredVersion, maxBytes: number): number {
    const list = (seqs: number[] | undefined, refs: MemberRef[]): StoredMembers | null =>
      seqs?.length ? seqs : refs.length ? refs : null;
    const row: VersionRow = [
      v.time,
      v.resourceType,
      v.resourceName,
      v.requestId,
      v.tokenName,
      v.action,
      v.kind,
      v.diff.map((d) => [d.path, d.old, d.new]),
      list(v.addedSeqs, v.membersAdded),
      list(v.removedSeqs, v.membersRemoved),
      v.membersAddedCount,
      v.membersRemovedCount,
      v.fault ?? null,
    ];
    // leave off the empty tail (most versions have no members and no fault)
    while (row.length > 8 && (row[row.length - 1] === null || row[row.length - 1] === 0)) row.pop();
    const text = JSON.stringify(row);
    const bytes = Buffer.byteLength(text) + Buffer.byteLength(v.resourceId) + ROW_OVERHEAD;
    const { lastInsertRowid: seq } = tx.run(INSERT_VERSION, [v.resourceId, text]);
    const t = this.totals;
    if (t && seq === t.lastSeq + 1) {
      t.bytes += bytes;
      t.versions += 1;
      t.lastSeq = seq;
    } else {
      // first version since start, or rows went away behind our back: count the table (with this row)
      this.totals = null;
    }
    const total = this.stats(tx).bytes;
    if (total > maxBytes) this.prune(tx, total, Math.floor(maxBytes * 0.9), v.time);
    return seq;
  }

  /** The total the cap is enforced on: counted once from the table, then kept up to date. */
  stats(r: Reader): HistoryStats {
    if (!this.totals) {
      const row = r.get<Totals>(
        `SELECT coalesce(sum(${BYTES_SQL}), 0) AS bytes, count(*) AS versions, coalesce(max(seq), 0) AS lastSeq FROM history`,
      );
      this.totals = row ?? { bytes: 0, versions: 0, lastSeq: 0 };
    }
    return { bytes: this.totals.bytes, versions: this.totals.versions };
  }

  /** Drops the oldest versions until the total is at most `target` bytes (bounded batches). */
  prune(tx: Tx, total: number, target: number, at: string): void {
    let remaining = total;
    while (remaining > target) {
      const rows = tx.all<{ seq: number; resource_id: string; bytes: number }>(
        `SELECT seq, resource_id, ${BYTES_SQL} AS bytes FROM history ORDER BY seq LIMIT ?`,
        [PRUNE_BATCH],
      );
      if (rows.length === 0) break;
      let last = 0;
      let freed = 0;
      let count = 0;
      const resources = new Set<string>();
      for (const r of rows) {
        if (remaining - freed <= target) break;
        last = r.seq;
        freed += r.bytes;
        count++;
        resources.add(r.resource_id);
      }
      tx.run('DELETE FROM history WHERE seq <= ?', [last]);
      for (const id of resources) {
        tx.run(
          'INSERT INTO history_truncated (resource_id, at) VALUES (?, ?) ON CONFLICT(resource_id) DO UPDATE SET at = excluded.at',
          [id, at],
        );
      }
      if (this.totals) {
        this.totals.bytes -= freed;
        this.totals.versions -= count;
      }
      remaining -= freed;
    }
  }

  /** A resource's versions, newest first, keyset-paged by `beforeSeq`. */
  page(r: Reader, q: HistoryQuery): HistoryPage {
    const limit = Math.min(Math.max(q.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
    const rows = r.all<Row>(
      `SELECT ${COLUMNS} FROM history WHERE resource_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
      [q.resourceId, q.beforeSeq ?? Number.MAX_SAFE_INTEGER, limit + 1],
    );
    const more = rows.length > limit;
    const versions = named(r, rows.slice(0, limit));
    return {
      versions,
      nextBeforeSeq: more ? (versions[versions.length - 1]?.seq ?? null) : null,
      truncated: this.isTruncated(r, q.resourceId),
    };
  }

  isTruncated(r: Reader, resourceId: string): boolean {
    return r.get('SELECT 1 AS t FROM history_truncated WHERE resource_id = ?', [resourceId]) !== undefined;
  }

  /** All resources' versions, newest first (the activity feed), keyset-paged. */
  recent(r: Reader, beforeSeq: number | undefined, limit: number): Version[] {
    const rows = r.all<Row>(`SELECT ${COLUMNS} FROM history WHERE seq < ? ORDER BY seq DESC LIMIT ?`, [
      beforeSeq ?? Number.MAX_SAFE_INTEGER,
      Math.min(Math.max(limit, 1), MAX_PAGE),
    ]);
    return named(r, rows);
  }

  /** Every version, oldest first, in chunks (the report reads them all without holding one big array). */
  *all(r: Reader, chunk = 2000): Generator<Version> {
    let after = 0;
    for (;;) {
      const rows = r.all<Row>(`SELECT ${COLUMNS} FROM history WHERE seq > ? ORDER BY seq LIMIT ?`, [
        after,
        chunk,
      ]);
      yield* named(r, rows);
      if (rows.length < chunk) return;
      after = (rows[rows.length - 1] as Row).seq;
    }
  }

  truncatedResources(r: Reader): Set<string> {
    return new Set(
      r.all<{ resource_id: string }>('SELECT resource_id FROM history_truncated').map((x) => x.resource_id),
    );
  }
}
