/**
 * How a history version is written down (docs/history.md "Where versions are kept"), and how
 * it is read back: one compact JSON array per version, by position, with trailing empty fields
 * (no members, no fault) left off and each diff entry as `[path, old, new]`.
 *
 * The same array is a version's journal side entry (`[seq, resourceId, ...row]`, ./types.ts
 * Tx.side) and, prefixed with the LSN of the write, its line in a history file
 * (`[lsn, seq, resourceId, ...row]`, ./history-files.ts). Versions kept by older builds in the
 * `history` table have the same row after their seq and resource id (migration 6), and are
 * moved into the files by migration 7.
 */
import { isOktaAction } from '../domain/okta-action';
import type { DiffEntry, MemberRef, NewVersion, Version, VersionKind } from '../domain/history';
import type { Reader } from './types';

/** A stored member list: refs (dropped members; versions written before seqs were stored) or user seqs. */
export type StoredMembers = (MemberRef | number)[];

export type VersionRow = [
  time: string,
  resourceType: 'User' | 'Group',
  resourceName: string | null,
  requestId: string | null,
  tokenName: string | null,
  action: string | null,
  kind: VersionKind,
  /** `[path, old, new]`; rows from the first history table have `{path, old, new}` */
  diff: (DiffEntry | [string, unknown, unknown])[],
  membersAdded?: StoredMembers | null,
  membersRemoved?: StoredMembers | null,
  membersAddedCount?: number,
  membersRemovedCount?: number,
  fault?: string | null,
];

/** A history file line, parsed: the write's LSN, the version's seq and resource id, then the row. */
export type StoredLine = [lsn: number, seq: number, resourceId: string, ...row: VersionRow];

/**
 * A version as the recorder hands it over: listed members of a membership write come as user
 * seqs (names are looked up when the version is read, `named` below); dropped members, which
 * have no user row, come as refs.
 */
export type NewStoredVersion = NewVersion & { addedSeqs?: number[]; removedSeqs?: number[] };

function storedList(seqs: number[] | undefined, refs: MemberRef[]): StoredMembers | null {
  return seqs?.length ? seqs : refs.length ? refs : null;
}

/** The version's row as JSON text (`[time, type, …]`); a loop, not closures: it runs in every write. */
export function encodeRow(v: NewStoredVersion): string {
  const diff: [string, unknown, unknown][] = [];
  for (const d of v.diff) diff.push([d.path, d.old, d.new]);
  const row: VersionRow = [
    v.time,
    v.resourceType,
    v.resourceName,
    v.requestId,
    v.tokenName,
    v.action,
    v.kind,
    diff,
    storedList(v.addedSeqs, v.membersAdded),
    storedList(v.removedSeqs, v.membersRemoved),
    v.membersAddedCount,
    v.membersRemovedCount,
    v.fault ?? null,
  ];
  // leave off the empty tail (most versions have no members and no fault)
  while (row.length > 8 && (row[row.length - 1] === null || row[row.length - 1] === 0)) row.pop();
  return JSON.stringify(row);
}

/** A version's side entry: `[seq, resourceId, …row]`, from the row's text without re-encoding it. */
export function sideEntry(seq: number, resourceId: string, rowText: string): string {
  return `[${seq},${JSON.stringify(resourceId)},${rowText.slice(1)}`;
}

/** A version's history file line (with its newline) from its side entry and its write's LSN. */
export function fileLine(lsn: number, entry: string): string {
  return `[${lsn},${entry.slice(1)}\n`;
}

function toVersion(
  seq: number,
  resourceId: string,
  v: VersionRow,
  resolve: (list: StoredMembers | null | undefined) => MemberRef[],
): Version {
  const version: Version = {
    seq,
    time: v[0],
    resourceType: v[1],
    resourceId,
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

/** A decoded version before its listed members are named. */
export interface DecodedVersion {
  seq: number;
  resourceId: string;
  row: VersionRow;
}

/** Decodes a history file line (text without its newline). */
export function decodeLine(line: string): DecodedVersion {
  const arr = JSON.parse(line) as StoredLine;
  return { seq: arr[1], resourceId: arr[2], row: arr.slice(3) as VersionRow };
}

/**
 * Names the members listed by seq: one read of the users table per 500 seqs for a whole page
 * of versions. A user row is never removed (a delete hides it), so every seq resolves; the name
 * shown is the user's userName now.
 */
export function named(r: Reader, decoded: readonly DecodedVersion[]): Version[] {
  const seqs = new Set<number>();
  for (const { row } of decoded) {
    for (const m of [...(row[8] ?? []), ...(row[9] ?? [])]) if (typeof m === 'number') seqs.add(m);
  }
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
  return decoded.map((d) => toVersion(d.seq, d.resourceId, d.row, resolve));
}
