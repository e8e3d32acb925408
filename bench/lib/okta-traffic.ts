/**
 * Okta-shaped users, requests and bodies for the benchmark (docs/okta.md §2), deterministic
 * in the user index so the seeder, the ceiling servers and the scenarios agree without
 * talking to each other.
 */
import type { RequestSpec } from './load';

export const BASE = '/api/v2/scim';
export const TOKEN = 'bench-token-0123456789abcdefghijklmnop';
export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** Headers Okta sends on every call (docs/okta.md §1). */
export const OKTA_HEADERS: Record<string, string> = {
  authorization: `Bearer ${TOKEN}`,
  accept: 'application/scim+json',
  'user-agent': 'Okta SCIM Client 1.0.0',
};
export const BODY_TYPE = 'application/scim+json; charset=utf-8';

/** Server id of seeded user i (the seeder stores users under these ids). */
export function userId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/** Server id of seeded group i. */
export function groupId(i: number): string {
  return `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
}

export function userName(i: number): string {
  return `first${i}.last${i}@okta-bench.example`;
}

/** The same userName with its case scrambled by i, as admins type them (caseExact=false, RFC 7643 §4.1.1). */
export function mixedCase(name: string, i: number): string {
  let out = '';
  for (let k = 0; k < name.length; k++) {
    const c = name[k] as string;
    out += (i + k) % 3 === 0 ? c.toUpperCase() : c;
  }
  return out;
}

/** POST /Users body as Okta sends it (docs/okta.md §2.2: password and `groups: []` always present). */
export function oktaCreateBody(i: number): Record<string, unknown> {
  const name = userName(i);
  return {
    schemas: [USER_URN],
    userName: name,
    name: { givenName: `First${i}`, familyName: `Last${i}` },
    emails: [{ primary: true, value: name, type: 'work' }],
    displayName: `First${i} Last${i}`,
    locale: 'en-US',
    externalId: `00u${i.toString(36).padStart(8, '0')}bench7`,
    groups: [],
    password: '1mz050nq',
    active: true,
  };
}

/** PUT /Users/{id} body: the whole object with a changed attribute (docs/okta.md §2.3). */
export function oktaPutBody(i: number, version: number, id = userId(i)): Record<string, unknown> {
  const name = userName(i);
  return {
    schemas: [USER_URN],
    id,
    userName: name,
    name: { givenName: `First${i}`, middleName: `M${version}`, familyName: `Last${i}` },
    emails: [{ primary: true, value: name, type: 'work', display: name }],
    active: true,
    groups: [],
    meta: { resourceType: 'User' },
  };
}

/** Path-less PATCH replace of `active` (docs/okta.md §2.4 deactivate, §2.5 reactivate). */
export function oktaActiveBody(active: boolean): Record<string, unknown> {
  return { schemas: [PATCH_URN], Operations: [{ op: 'replace', value: { active } }] };
}

/** Membership PATCH without `type` (docs/okta.md §2.11). */
export function oktaMembersBody(op: 'add' | 'remove', from: number, count: number): Record<string, unknown> {
  const value = [];
  for (let i = from; i < from + count; i++) value.push({ value: userId(i), display: userName(i) });
  return { schemas: [PATCH_URN], Operations: [{ op, path: 'members', value }] };
}

/** The pre-create lookup (docs/okta.md §2.2 step 1), encoded as Okta encodes it. */
export function lookupPath(name: string): string {
  return `${BASE}/Users?filter=${encodeURIComponent(`userName eq "${name}"`)}&startIndex=1&count=100`;
}

/**
 * The lookup mix: half hits on seeded users (mixed case), half misses (names never seeded),
 * spread over the whole table by a multiplicative hash so the index, not a cache, answers.
 */
export function lookupRequest(seeded: number): (k: number) => RequestSpec {
  return (k) => {
    const i = spread(k, seeded);
    const name = k % 2 === 0 ? mixedCase(userName(i), k) : mixedCase(`nobody${k}.x@okta-bench.example`, k);
    return { method: 'GET', path: lookupPath(name) };
  };
}

/** Spreads k over the seeded users (multiplicative hash: no locality a cache could exploit). */
export const spread = (k: number, seeded: number): number => (k * 2_654_435_761) % Math.max(1, seeded);

export type IdOf = (i: number) => string;

export function getUserRequest(seeded: number, idOf: IdOf = userId): (k: number) => RequestSpec {
  return (k) => ({ method: 'GET', path: `${BASE}/Users/${idOf(spread(k, seeded))}` });
}

/** Okta's profile push: PUT of the whole user (docs/okta.md §2.3). */
export function putUserRequest(seeded: number, idOf: IdOf = userId): (k: number) => RequestSpec {
  return (k) => {
    const i = spread(k, seeded);
    return json('PUT', `${BASE}/Users/${idOf(i)}`, oktaPutBody(i, k, idOf(i)));
  };
}

/** Deactivate then reactivate (docs/okta.md §2.4, §2.5): consecutive k hit the same user. */
export function activeToggleRequest(seeded: number, idOf: IdOf = userId): (k: number) => RequestSpec {
  return (k) => {
    const i = spread(k >> 1, seeded);
    return json('PATCH', `${BASE}/Users/${idOf(i)}`, oktaActiveBody(k % 2 === 1));
  };
}

/** POST /Users of users `from`, `from + 1`, … (never seeded before). */
export function createUserRequest(from: number): (k: number) => RequestSpec {
  return (k) => json('POST', `${BASE}/Users`, oktaCreateBody(from + k));
}

export function json(method: string, path: string, body: unknown): RequestSpec {
  return { method, path, body: JSON.stringify(body), contentType: BODY_TYPE };
}
