/**
 * Resource history: what each write did to a user or group, as a version (docs/history.md).
 * Plain types and the pure attribute-level diff; the store keeps versions (server/store/
 * history-store.ts), the console and the report show them.
 */
import type { OktaAction } from './okta-action';

/** What kind of write a version records. `ignored` and `dropped-members` are warnings of their own. */
export type VersionKind =
  | 'create'
  | 'replace'
  | 'patch'
  | 'rename'
  | 'deactivate'
  | 'reactivate'
  | 'delete'
  | 'members'
  | 'ignored'
  | 'dropped-members';

export const VERSION_KINDS: readonly VersionKind[] = [
  'create',
  'replace',
  'patch',
  'rename',
  'deactivate',
  'reactivate',
  'delete',
  'members',
  'ignored',
  'dropped-members',
];

/** One attribute that changed: its path (`name.givenName`, `urn:…:User:department`), old and new value. */
export interface DiffEntry {
  path: string;
  /** undefined in JSON (absent) is written as null */
  old: unknown;
  new: unknown;
}

export interface MemberRef {
  /** the user's id (or, for a dropped member, the value the IdP sent) */
  id: string;
  display: string | null;
  /** why a member was dropped */
  reason?: string;
}

export interface Version {
  seq: number;
  time: string;
  resourceType: 'User' | 'Group';
  resourceId: string;
  /** userName or displayName at the time, so a version reads well after a delete */
  resourceName: string | null;
  /** the request log id of the request that wrote (null for console writes) */
  requestId: string | null;
  tokenName: string | null;
  action: OktaAction | null;
  kind: VersionKind;
  diff: DiffEntry[];
  /** listed up to MAX_LISTED_MEMBERS; the counts are exact */
  membersAdded: MemberRef[];
  membersRemoved: MemberRef[];
  membersAddedCount: number;
  membersRemovedCount: number;
  /** the fault-injection rule that shaped the answer, when one did (issue 13) */
  fault?: string;
}

export type NewVersion = Omit<Version, 'seq'>;

export interface HistoryPage {
  versions: Version[];
  /** seq to pass as `beforeSeq` for the next (older) page, or null at the end */
  nextBeforeSeq: number | null;
  /** retention dropped older versions of this resource */
  truncated: boolean;
}

export interface HistoryQuery {
  resourceId: string;
  beforeSeq?: number;
  limit?: number;
}

/** Member lists in a version stop here (a Push Now of 100,000 members keeps counts, not a copy). */
export const MAX_LISTED_MEMBERS = 100;

export const REDACTED = '[redacted]';
/** Keys whose values never enter history (RFC 7643 §4.1.1 password is returned "never"). */
const SECRET_KEY = /^(password|secret|token|client_secret|api_?key)$/i;
/** Bookkeeping the server writes itself: not a change the IdP made. */
const SKIPPED_TOP = new Set(['meta', 'id', 'schemas', 'members', 'groups']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && equal(a[k], b[k]));
  }
  return false;
}

/** A copy with every secret key's value replaced (inside multi-valued attributes too). */
export function redactSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactSecrets);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) out[k] = SECRET_KEY.test(k) ? REDACTED : redactSecrets(inner);
    return out;
  }
  return v;
}

function walk(path: string, a: unknown, b: unknown, out: DiffEntry[], sep = '.'): void {
  // Complex attributes (name, the extension objects) diff by sub-attribute; multi-valued
  // attributes (emails, phoneNumbers) are one value each, as SCIM replaces them whole.
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = `${path}${sep}${k}`;
      if (SECRET_KEY.test(k)) {
        if (!equal(a[k], b[k]))
          out.push({ path: p, old: k in a ? REDACTED : null, new: k in b ? REDACTED : null });
        continue;
      }
      walk(p, a[k], b[k], out);
    }
    return;
  }
  if (equal(a, b)) return;
  out.push({
    path,
    old: a === undefined ? null : redactSecrets(a),
    new: b === undefined ? null : redactSecrets(b),
  });
}

/**
 * The attribute-level diff between two SCIM representations (null: the resource did not exist
 * or no longer does). Server bookkeeping (`id`, `meta`, `schemas`) and membership (recorded as
 * members added and removed) are left out; secrets appear only as "[redacted]".
 */
export function diffResources(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): DiffEntry[] {
  const out: DiffEntry[] = [];
  const a = before ?? {};
  const b = after ?? {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (SKIPPED_TOP.has(k)) continue;
    if (SECRET_KEY.test(k)) {
      if (k in b) out.push({ path: k, old: k in a ? REDACTED : null, new: REDACTED });
      continue;
    }
    // An extension's attributes are named `urn…:User:department` (RFC 7644 §3.10).
    walk(k, a[k], b[k], out, k.startsWith('urn:') ? ':' : '.');
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/** The kind of a user or group update, from its diff. */
export function updateKind(
  resourceType: 'User' | 'Group',
  diff: readonly DiffEntry[],
  method: 'PUT' | 'PATCH' | null,
): VersionKind {
  if (resourceType === 'User') {
    const active = diff.find((d) => d.path === 'active');
    if (active?.new === false) return 'deactivate';
    if (active?.new === true && active.old === false) return 'reactivate';
  } else if (diff.length > 0 && diff.every((d) => d.path === 'displayName')) return 'rename';
  return method === 'PUT' ? 'replace' : 'patch';
}
