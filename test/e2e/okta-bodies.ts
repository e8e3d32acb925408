/**
 * Request bodies as Okta sends them (docs/okta.md §2: 2.2 create, 2.4 deactivate, 2.9 group
 * push, 2.11 membership), so the console is exercised by Okta-shaped traffic.
 */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** POST /Users body (docs/okta.md §2.2: password and empty groups always sent). */
export function oktaUser(userName: string, givenName: string, familyName: string, externalId: string) {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName, familyName },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `${givenName} ${familyName}`,
    locale: 'en-US',
    externalId,
    groups: [],
    password: '1mz050nq',
    active: true,
  };
}

/** Path-less PATCH replace, as Okta deactivates and updates (docs/okta.md §2.3-2.4). */
export function pathlessReplace(value: Record<string, unknown>) {
  return { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value }] };
}

/** POST /Groups body (docs/okta.md §2.9: members empty, added by PATCH after). */
export function oktaGroup(displayName: string) {
  return { schemas: [GROUP_SCHEMA], displayName, members: [] };
}

/** Membership add without `type` (docs/okta.md §2.11). */
export function addMembers(members: { value: string; display: string }[]) {
  return { schemas: [PATCH_SCHEMA], Operations: [{ op: 'add', path: 'members', value: members }] };
}
