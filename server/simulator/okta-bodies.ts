/**
 * The bodies Okta sends, after the documented examples in docs/okta.md §2 (create §2.2,
 * profile PUT §2.3, path-less lifecycle PATCH §2.4-2.6, group push §2.9-2.12).
 */
import { isObject } from './judge';
import type { SimUser } from './run-context';

export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A password like Okta's placeholder (docs/okta.md §2.2: always sent, even with sync off). */
export function placeholderPassword(): string {
  return Math.random().toString(36).slice(2, 10).padEnd(8, '7');
}

/** An Okta user id shape (`00u` + 17 characters), sent as externalId (docs/okta.md §2.2). */
export function oktaUserId(seed: string): string {
  return `00u${seed.replace(/[^a-z0-9]/gi, '')}${'0'.repeat(17)}`.slice(0, 20);
}

/** POST /Users as Okta sends it on assignment (docs/okta.md §2.2). */
export function createUserBody(u: Omit<SimUser, 'id'>): Record<string, unknown> {
  return {
    schemas: [USER_URN],
    userName: u.userName,
    name: { givenName: u.givenName, familyName: u.familyName },
    emails: [{ primary: true, value: u.userName, type: 'work' }],
    displayName: `${u.givenName} ${u.familyName}`,
    locale: 'en-US',
    externalId: u.externalId,
    groups: [],
    password: placeholderPassword(),
    active: u.active,
  };
}

/**
 * The PUT Okta sends after a GET (docs/okta.md §2.3): the object as returned, with Okta's
 * profile applied over it. Read-only attributes stay in, as Okta leaves them.
 */
export function mergedUserPut(
  current: Record<string, unknown>,
  u: SimUser,
  extra: Record<string, unknown> = {},
) {
  const name = isObject(current['name']) ? current['name'] : {};
  return {
    ...current,
    schemas: Array.isArray(current['schemas']) ? current['schemas'] : [USER_URN],
    id: u.id,
    userName: u.userName,
    name: { ...name, givenName: u.givenName, familyName: u.familyName },
    emails: [{ primary: true, value: u.userName, type: 'work', display: u.userName }],
    displayName: `${u.givenName} ${u.familyName}`,
    externalId: u.externalId,
    active: u.active,
    groups: [],
    ...extra,
  };
}

/** Path-less replace with an object value (docs/okta.md §2.4, quirk Q1). */
export function pathlessReplace(value: Record<string, unknown>): Record<string, unknown> {
  return { schemas: [PATCH_URN], Operations: [{ op: 'replace', value }] };
}

export function patchOps(...ops: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [PATCH_URN], Operations: ops };
}

/** Member entries as Okta writes them: value and display, no type (docs/okta.md §2.11, Q7). */
export function memberRefs(users: SimUser[]): { value: string; display: string }[] {
  return users.map((u) => ({ value: u.id, display: u.userName }));
}

/** `members[value eq "<id>"]`, the filtered remove path with no value (docs/okta.md §2.11, Q6). */
export function memberPath(id: string): string {
  return `members[value eq "${id}"]`;
}

/** PUT /Groups/{id} for AIW apps: the whole group, members included (docs/okta.md §2.9). */
export function groupPut(id: string, displayName: string, members: SimUser[]): Record<string, unknown> {
  return { schemas: [GROUP_URN], id, displayName, members: memberRefs(members) };
}
