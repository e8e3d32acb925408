/**
 * The SCIM test client shared by tests and scripts: Okta-shaped request bodies
 * (docs/okta.md §2), resource helpers and checks of SCIM responses, over the real HTTP server
 * of ./scim-server.ts.
 */
import { expect } from 'vitest';
import type { TestServer } from './scim-server';

export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type Json = Record<string, unknown>;

export interface ListBody<T = Json> {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export interface Member {
  value: string;
  display?: string;
}

/** Okta's create body (SCIM20-ref "Create Users", docs/okta.md §2.2). */
export function oktaUser(userName: string, extra: Json = {}): Json {
  const [given = 'Test', family = 'User'] = userName.split('@')[0]?.split('.') ?? [];
  return {
    schemas: [USER_URN],
    userName,
    name: { givenName: given, familyName: family },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `${given} ${family}`,
    locale: 'en-US',
    externalId: `00u${Math.random().toString(36).slice(2, 12)}`,
    groups: [],
    password: '1mz050nq',
    active: true,
    ...extra,
  };
}

/** `{"schemas":[PatchOp],"Operations":[...]}` */
export const patchOp = (...operations: Json[]): Json => ({ schemas: [PATCH_URN], Operations: operations });

/** `?filter=<expr>` encoded with %20/%22 as Okta's current requests are (docs/okta.md §1). */
export const filterQuery = (expr: string, rest = ''): string =>
  `?filter=${encodeURIComponent(expr)}${rest ? `&${rest}` : ''}`;

export async function json<T = Json>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${res.status} response is not JSON: ${text.slice(0, 200)}`);
  }
}

/** POST /Users → 201; returns the created user. */
export async function createUser(s: TestServer, userName: string, extra: Json = {}): Promise<Json> {
  const res = await s.scim('/Users', { method: 'POST', json: oktaUser(userName, extra) });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** POST /Groups → 201; returns the created group. */
export async function createGroup(s: TestServer, displayName: string, members: Member[] = []): Promise<Json> {
  const res = await s.scim('/Groups', {
    method: 'POST',
    json: { schemas: [GROUP_URN], displayName, members },
  });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** Creates `n` users `prefix-<i>@example.com`, a few requests at a time; returns their ids in order. */
export async function createUsers(s: TestServer, prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 25) {
    const batch = Array.from({ length: Math.min(25, n - i) }, (_, k) =>
      createUser(s, `${prefix}.u${String(i + k).padStart(5, '0')}@example.com`),
    );
    for (const u of await Promise.all(batch)) ids.push(u['id'] as string);
  }
  return ids;
}

/** The member ids of a group (asks for `attributes=members`, which every profile honours). */
export async function memberIds(s: TestServer, groupId: string): Promise<string[]> {
  const res = await s.scim(`/Groups/${groupId}?attributes=members`);
  expect(res.status).toBe(200);
  const body = await json<{ members?: Member[] }>(res);
  return (body.members ?? []).map((m) => m.value).sort();
}

/** One SCIM error check for every test (RFC 7644 §3.12): see ./scim-error.ts. */
export { expectScimError } from './scim-error';
