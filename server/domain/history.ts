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

/*
 * The diff runs inside every write (docs/history.md "What history costs"), so the functions
 * below avoid per-call allocations the profile showed: no key sets built by spreading, no
 * closures created per call, and values copied only when they hold a secret to redact.
 */

/** Whether `k` names a secret; attribute names repeat, so each is tested once. */
const secretKeys = new Map<string, boolean>();
function isSecretKey(k: string): boolean {
  let v = secretKeys.get(k);
  if (v === undefined) {
    v = SECRET_KEY.test(k);
    // bounded: custom schemas add names, but not without end
    if (secretKeys.size < 10_000) secretKeys.set(k, v);
  }
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k)) continue;
    if (!Object.hasOwn(y, k) || !equal(x[k], y[k])) return false;
    n++;
  }
  for (const k in y) if (Object.hasOwn(y, k)) n--;
  return n === 0;
}

/** Whether a value holds a secret key anywhere inside (so it must be copied to be redacted). */
function holdsSecret(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    for (const x of v) if (holdsSecret(x)) return true;
    return false;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) if (Object.hasOwn(o, k) && (isSecretKey(k) || holdsSecret(o[k]))) return true;
  return false;
}

function redactCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactCopy);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) out[k] = isSecretKey(k) ? REDACTED : redactCopy(inner);
    return out;
  }
  return v;
}

/**
 * The value with every secret key's value replaced (inside multi-valued attributes too): a
 * copy when it holds one, else the value itself (a version is encoded as soon as it is made).
 */
export function redactSecrets(v: unknown): unknown {
  return holdsSecret(v) ? redactCopy(v) : v;
}

function walkKey(
  path: string,
  sep: string,
  k: string,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  out: DiffEntry[],
): void {
  const p = `${path}${sep}${k}`;
  if (isSecretKey(k)) {
    if (!equal(a[k], b[k]))
      out.push({ path: p, old: k in a ? REDACTED : null, new: k in b ? REDACTED : null });
    return;
  }
  walk(p, a[k], b[k], out);
}

function walk(path: string, a: unknown, b: unknown, out: DiffEntry[], sep = '.'): void {
  // Complex attributes (name, the extension objects) diff by sub-attribute; multi-valued
  // attributes (emails, phoneNumbers) are one value each, as SCIM replaces them whole.
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k in a) if (Object.hasOwn(a, k)) walkKey(path, sep, k, a, b, out);
    for (const k in b) if (Object.hasOwn(b, k) && !Object.hasOwn(a, k)) walkKey(path, sep, k, a, b, out);
    return;
  }
  if (equal(a, b)) return;
  out.push({
    path,
    old: a === undefined ? null : redactSecrets(a),
    new: b === undefined ? null : redactSecrets(b),
  });
}

function topKey(k: string, a: Record<string, unknown>, b: Record<string, unknown>, out: DiffEntry[]): void {
  if (SKIPPED_TOP.has(k)) return;
  if (isSecretKey(k)) {
    if (k in b) out.push({ path: k, old: k in a ? REDACTED : null, new: REDACTED });
    return;
  }
  // An extension's attributes are named `urn…:User:department` (RFC 7644 §3.10).
  walk(k, a[k], b[k], out, k.startsWith('urn:') ? ':' : '.');
}

const byPath = (x: DiffEntry, y: DiffEntry): number => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);

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
  for (const k in a) if (Object.hasOwn(a, k)) topKey(k, a, b, out);
  for (const k in b) if (Object.hasOwn(b, k) && !Object.hasOwn(a, k)) topKey(k, a, b, out);
  return out.sort(byPath);
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
