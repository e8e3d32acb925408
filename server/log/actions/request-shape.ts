/**
 * What the Okta action classifier reads of one request: plain facts taken from the method,
 * path, query and bodies, so the classifier itself stays a table of rules (./classify.ts).
 */

export interface ActionRequest {
  /** milliseconds since the epoch, when the request arrived */
  time: number;
  method: string;
  /** the URL path, e.g. /scim/v2/Users/abc */
  path: string;
  /** the raw query string without `?` */
  query: string;
  tokenName: string | null;
  /** the parsed request body (undefined when there was none or it was not JSON) */
  body: unknown;
  status: number;
  /** the parsed response body, when the caller had it (small JSON replies) */
  response: unknown;
}

export type Collection = 'Users' | 'Groups' | 'Schemas' | 'ResourceTypes' | 'ServiceProviderConfig';

const ROUTE = /\/(Users|Groups|Schemas|ResourceTypes|ServiceProviderConfig)(?:\/([^/]+))?\/?$/i;
const CANONICAL: Record<string, Collection> = {
  users: 'Users',
  groups: 'Groups',
  schemas: 'Schemas',
  resourcetypes: 'ResourceTypes',
  serviceproviderconfig: 'ServiceProviderConfig',
};

export function routeOf(path: string): { collection: Collection; id: string | null } | null {
  const m = ROUTE.exec(path);
  if (!m?.[1]) return null;
  const collection = CANONICAL[m[1].toLowerCase()];
  if (!collection) return null;
  return { collection, id: m[2] ? decodeSegment(m[2]) : null };
}

/** A path segment as the SCIM routes read it; a malformed escape (`%E0%A4%A`) stays as sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Query parameter by name, case-insensitively (clients send `startindex` too). */
export function param(query: string, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of new URLSearchParams(query)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function asObject(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** A key matched case-insensitively (RFC 7643 §2.1: attribute names are case-insensitive). */
export function field(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

export function boolOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

/** `attr eq "value"` filters, the only ones Okta sends (docs/okta.md §2.2, §2.8). */
export function eqFilter(filter: string | undefined): { attr: string; value: string } | null {
  if (!filter) return null;
  const m = /^\s*([A-Za-z.:0-9]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  return m?.[1] !== undefined && m[2] !== undefined ? { attr: m[1], value: m[2] } : null;
}

/** What a PATCH request does, in the two dialects Okta uses (docs/okta.md §2.4, §2.10–2.12). */
export interface PatchShape {
  active?: boolean;
  password: boolean;
  displayName?: string;
  /** attributes other than active, password, id and displayName */
  otherAttributes: boolean;
  membersAdded: boolean;
  membersRemoved: boolean;
  membersReplaced: boolean;
  valid: boolean;
}

export function patchShape(body: unknown): PatchShape {
  const shape: PatchShape = {
    password: false,
    otherAttributes: false,
    membersAdded: false,
    membersRemoved: false,
    membersReplaced: false,
    valid: false,
  };
  const b = asObject(body);
  const ops = b ? field(b, 'Operations') : undefined;
  if (!Array.isArray(ops) || ops.length === 0) return shape;
  shape.valid = true;
  for (const raw of ops) {
    const op = asObject(raw);
    if (!op) continue;
    const kind = String(field(op, 'op') ?? '').toLowerCase();
    const path = field(op, 'path');
    const value = field(op, 'value');
    if (typeof path === 'string' && path.trim() !== '') {
      const head = path.trim().toLowerCase();
      if (head === 'members' || head.startsWith('members[') || head.startsWith('members.')) {
        if (kind === 'add') shape.membersAdded = true;
        else if (kind === 'remove') shape.membersRemoved = true;
        else if (kind === 'replace') shape.membersReplaced = true;
      } else if (head === 'active') {
        const a = boolOf(value);
        if (a !== undefined) shape.active = a;
      } else if (head === 'password') shape.password = true;
      else if (head === 'displayname' && typeof value === 'string') shape.displayName = value;
      else shape.otherAttributes = true;
      continue;
    }
    const obj = asObject(value);
    if (!obj) continue;
    for (const [k, v] of Object.entries(obj)) {
      const key = k.toLowerCase();
      if (key === 'active') {
        const a = boolOf(v);
        if (a !== undefined) shape.active = a;
      } else if (key === 'password') shape.password = true;
      else if (key === 'id') continue;
      else if (key === 'displayname' && typeof v === 'string') shape.displayName = v;
      else if (key === 'members') {
        if (kind === 'add') shape.membersAdded = true;
        else if (kind === 'remove') shape.membersRemoved = true;
        else shape.membersReplaced = true;
      } else shape.otherAttributes = true;
    }
  }
  return shape;
}
