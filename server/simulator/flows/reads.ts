/**
 * Requests several flows share: Okta's userName and displayName lookups, and the reads that
 * check what a write did (marked `okta: false` when Okta itself would not send them).
 */
import {
  diverges,
  expectStatus,
  isObject,
  listPage,
  memberIds,
  objectBody,
  taskFailed,
  type ListPage,
} from '../judge';
import { eqFilter, type Exchange, type SendOptions } from '../okta-http';
import type { SimUser } from '../run-context';

export type Send = (method: string, path: string, opts?: SendOptions) => Promise<Exchange>;

/** `GET /Users?filter=userName eq "…"&startIndex=1&count=100` (docs/okta.md §2.2 step 1). */
export async function lookupUser(send: Send, userName: string): Promise<{ ex: Exchange; page: ListPage }> {
  const ex = await send('GET', `/Users?filter=${eqFilter('userName', userName)}&startIndex=1&count=100`);
  return { ex, page: wholeLookup(ex, listPage(ex, 'the userName lookup')) };
}

/** `GET /Groups?filter=displayName eq "…"&startIndex=1&count=100` (docs/okta.md §2.9 step 1). */
export async function lookupGroup(
  send: Send,
  displayName: string,
): Promise<{ ex: Exchange; page: ListPage }> {
  const ex = await send(
    'GET',
    `/Groups?filter=${eqFilter('displayName', displayName)}&startIndex=1&count=100`,
  );
  return { ex, page: wholeLookup(ex, listPage(ex, 'the displayName lookup')) };
}

/**
 * A lookup asks for up to 100 results from the first, so every match is on the page and
 * totalResults must equal the Resources count; Okta links or creates from totalResults
 * (docs/okta.md §2.2, quirk Q13).
 */
function wholeLookup(ex: Exchange, page: ListPage): ListPage {
  if (page.totalResults <= 100 && page.totalResults !== page.resources.length)
    diverges(
      ex,
      `totalResults is ${page.totalResults} but the lookup returned ${page.resources.length} Resources (quirk Q13)`,
    );
  return page;
}

/** A lookup that must find exactly `id` (a case variant, a deactivated user). */
export function expectFound(ex: Exchange, page: ListPage, id: string, consequence: string): void {
  const ids = page.resources.map((r) => String(r['id']));
  if (ids.length === 0 || page.totalResults === 0) diverges(ex, `found nothing: ${consequence}`);
  if (!ids.includes(id)) diverges(ex, `found ${ids.join(', ')} but not ${id}: ${consequence}`);
  if (ids.length > 1)
    diverges(ex, `found ${ids.length} resources for one name: Okta cannot tell which to link`);
}

/** `GET /Users/{id}` → 200 with that user. */
export async function readUser(
  send: Send,
  id: string,
  okta = false,
): Promise<{ ex: Exchange; user: Record<string, unknown> }> {
  const ex = await send('GET', `/Users/${encodeURIComponent(id)}`, { okta });
  expectStatus(ex, [200], 'reading the user back must answer 200');
  const user = objectBody(ex, 'the user');
  if (user['id'] !== id) diverges(ex, `asked for ${id} but got id ${String(user['id'])}`);
  return { ex, user };
}

/** `active` as the server reports it (a string "false" counts, as Okta's parser is lenient). */
export function activeOf(user: Record<string, unknown>): boolean | undefined {
  const a = user['active'];
  if (typeof a === 'boolean') return a;
  if (a === 'true' || a === 'false') return a === 'true';
  return undefined;
}

/**
 * Judges a user PATCH answer (docs/okta.md §2.4: 200 with the user or 204). A 200 must carry
 * the resource (RFC 7644 §3.5.2); an empty 200 leaves Okta with nothing to read.
 */
export function judgeUserPatch(ex: Exchange, expect: { active?: boolean } = {}): void {
  expectStatus(ex, [200, 204], 'Okta marks the task failed on anything but 200 or 204');
  if (ex.status === 204) return;
  if (!ex.text.length)
    diverges(ex, 'PATCH answered 200 with no body (RFC 7644 §3.5.2: 200 carries the resource, 204 has none)');
  const body = objectBody(ex, 'the PATCH answer');
  if (expect.active !== undefined && activeOf(body) !== expect.active)
    diverges(ex, `answered active:${String(body['active'])} after Okta sent active:${String(expect.active)}`);
  if ('password' in body) diverges(ex, 'the answer returns password (RFC 7643 §4.1.1: returned "never")');
}

/** Judges a group PATCH or PUT answer (docs/okta.md §2.10-2.11: 200 with the group or 204). */
export function judgeGroupWrite(ex: Exchange): void {
  expectStatus(ex, [200, 204], 'Okta marks the group push as Error on anything but 200 or 204');
  if (ex.status === 200 && !ex.text.length)
    diverges(ex, 'answered 200 with no body (RFC 7644 §3.5.2: 200 carries the resource, 204 has none)');
  if (ex.status === 200) objectBody(ex, 'the group answer');
}

/**
 * The group's members and name as stored, read with `attributes=members,displayName` so a
 * server that leaves members out by default (Netskope, docs/netskope.md §6) still shows them.
 */
export async function readGroup(
  send: Send,
  id: string,
): Promise<{ ex: Exchange; members: string[]; displayName: unknown }> {
  const ex = await send('GET', `/Groups/${encodeURIComponent(id)}?attributes=members,displayName`, {
    okta: false,
  });
  expectStatus(ex, [200], 'reading the group back must answer 200');
  const g = objectBody(ex, 'the group');
  if (g['id'] !== undefined && g['id'] !== id) diverges(ex, `asked for ${id} but got id ${String(g['id'])}`);
  const members = memberIds(g);
  if (new Set(members).size !== members.length)
    diverges(ex, `members lists a user twice: ${members.join(', ')}`);
  return { ex, members, displayName: g['displayName'] };
}

/** Reads the group and fails unless its members are exactly `want`. */
export async function expectMembers(
  send: Send,
  groupId: string,
  want: SimUser[],
  after: string,
): Promise<void> {
  const { ex, members } = await readGroup(send, groupId);
  const wantIds = want.map((u) => u.id);
  const missing = wantIds.filter((id) => !members.includes(id));
  const extra = members.filter((id) => !wantIds.includes(id));
  if (missing.length)
    diverges(
      ex,
      `${after} reported success, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} absent on read-back (members: [${members.join(', ')}])`,
    );
  if (extra.length)
    diverges(ex, `${after} left ${extra.join(', ')} in the group (members: [${members.join(', ')}])`);
}

/** The created resource's id from a 201 body. */
export function createdId(ex: Exchange, what: string): { id: string; body: Record<string, unknown> } {
  expectStatus(ex, [201], `creating the ${what} must answer 201`);
  if (!ex.text.length) taskFailed(ex, `Create new ${what} returned empty ${what}.`);
  const body = objectBody(ex, `the created ${what}`);
  const id = body['id'];
  if (typeof id !== 'string' || !id.length) taskFailed(ex, `the created ${what} has no id`);
  return { id, body };
}

export { isObject };
