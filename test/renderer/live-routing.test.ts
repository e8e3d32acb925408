/**
 * The console's live routing (renderer/src/stores/live.ts) over the real stores and the real
 * IPC client, with an in-memory bridge standing in for the preload: change events patch the
 * Users, Groups and member lists without a request when nothing can move, and refetch only
 * what they must. Also shows that the console's client has no list of methods of its own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { GroupRow, MemberRow, Page, UserRow } from '../../server/admin/contract';
import { api } from '../../renderer/src/api/client';
import { useUserDetail } from '../../renderer/src/stores/detail-store';
import { useGroups } from '../../renderer/src/stores/groups-store';
import { onGroupsChanged, onUsersChanged } from '../../renderer/src/stores/live';
import { useMembers } from '../../renderer/src/stores/members-store';
import { useUsers } from '../../renderer/src/stores/users-store';

const flush = () => new Promise((r) => setTimeout(r, 0));

const user = (i: number, patch: Partial<UserRow> = {}): UserRow => ({
  id: `u${i}`,
  userName: `user${i}@example.com`,
  email: `user${i}@example.com`,
  givenName: `Given${i}`,
  familyName: `Family${i}`,
  displayName: null,
  externalId: `00u${i}`,
  active: true,
  deleted: false,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  ...patch,
});
const group = (i: number, patch: Partial<GroupRow> = {}): GroupRow => ({
  id: `g${i}`,
  displayName: `Group ${i}`,
  externalId: null,
  memberCount: 2,
  warningCount: 0,
  deleted: false,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  ...patch,
});
const member = (u: UserRow): MemberRow => ({
  id: u.id,
  userName: u.userName,
  email: u.email,
  givenName: u.givenName,
  familyName: u.familyName,
  active: u.active,
});

const calls: string[] = [];
const users = [user(1), user(2), user(3)];
const groups = [group(1), group(2)];
const page = <T>(items: T[]): Page<T> => ({ total: items.length, offset: 0, items });
const ok = (data: unknown) => Promise.resolve({ ok: true, data });

/** What the preload would expose, answering from the arrays above. */
const bridge = {
  listUsers: () => (calls.push('listUsers'), ok(page(users))),
  listGroups: () => (calls.push('listGroups'), ok(page(groups))),
  listGroupMembers: () => (calls.push('listGroupMembers'), ok(page(users.slice(0, 2).map(member)))),
  getUser: (arg: { id: string }) => (calls.push(`getUser:${arg.id}`), ok({ ...user(1), groups: [] })),
  // a method this console build has never heard of: the client must still reach it
  futureMethod: (arg: unknown) => (calls.push('futureMethod'), ok({ echoed: arg })),
  onEvent: () => () => undefined,
};

const stores = { users: useUsers, groups: useGroups, members: useMembers, userDetail: useUserDetail };
const client = { api };
const live = { onUsersChanged, onGroupsChanged };

beforeAll(async () => {
  // api() picks its transport on first use: the bridge must be in place before any store fetches
  (globalThis as { window?: unknown }).window = { scimdesk: bridge };
  stores.users.getState().setQuery(stores.users.getState().query);
  stores.groups.getState().setQuery(stores.groups.getState().query);
  stores.members.getState().setQuery({ id: 'g1', search: '' });
  stores.userDetail.getState().open('u1');
  await flush();
  calls.length = 0;
});

describe('the console client', () => {
  it('calls any method the bridge has, with no list of names of its own', async () => {
    const api = client.api() as unknown as { futureMethod(arg: unknown): Promise<unknown> };
    expect(await api.futureMethod({ a: 1 })).toEqual({ echoed: { a: 1 } });
    expect(calls).toEqual(['futureMethod']);
    calls.length = 0;
  });

  it('refuses a name the bridge does not have, and is never mistaken for a Promise', async () => {
    const api = client.api() as unknown as Record<string, (a?: unknown) => Promise<unknown>>;
    await expect(api['noSuchMethod']?.()).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(api['onEvent']?.()).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await Promise.resolve(client.api())).toBe(client.api());
    expect(calls).toEqual([]);
  });
});

describe('live routing', () => {
  it('a user update that cannot move the row patches Users and the member list, and reloads only the open user', async () => {
    const changed = user(2, { givenName: 'Renamed', active: false, modified: '2026-01-02T00:00:00.000Z' });
    live.onUsersChanged({ rows: [changed], removed: [], overflow: false });
    await flush();
    expect(stores.users.getState().rowAt(1)).toEqual(changed);
    expect(stores.members.getState().rowAt(1)).toEqual(member(changed));
    expect(calls).toEqual([]); // u2 is not the open user
    live.onUsersChanged({ rows: [user(1, { familyName: 'Changed' })], removed: [], overflow: false });
    await flush();
    expect(calls).toEqual(['getUser:u1']);
    calls.length = 0;
  });

  it('a new user refetches Users but not the member list (a user write adds no member)', async () => {
    users.push(user(4));
    live.onUsersChanged({ rows: [user(4)], removed: [], overflow: false });
    await flush();
    expect(calls).toEqual(['listUsers']);
    expect(stores.users.getState().total).toBe(4);
    calls.length = 0;
  });

  it('a deleted member leaves the member list: it refetches', async () => {
    live.onUsersChanged({ rows: [user(1, { deleted: true, active: false })], removed: [], overflow: false });
    await flush();
    expect(calls.sort()).toEqual(['getUser:u1', 'listGroupMembers']);
    calls.length = 0;
  });

  it("a group's new member count is patched in place; its open member list is refetched", async () => {
    const g2 = group(2, { memberCount: 7 });
    live.onGroupsChanged({ rows: [g2], removed: [], overflow: false });
    await flush();
    expect(stores.groups.getState().rowAt(1)).toEqual(g2);
    // g2 is not the open group: no member list read; the open user may have joined it
    expect(calls).toEqual(['getUser:u1']);
    calls.length = 0;
    live.onGroupsChanged({ rows: [group(1, { memberCount: 1 })], removed: [], overflow: false });
    await flush();
    expect(stores.groups.getState().rowAt(0)?.memberCount).toBe(1);
    expect(calls.sort()).toEqual(['getUser:u1', 'listGroupMembers']);
    calls.length = 0;
  });

  it('with a search typed, any change to a user shown refetches Users and the member list (issue 17)', async () => {
    // the searches match values the rows do not carry (every email, name.formatted), so the
    // lists cannot tell whether a changed user still matches, or whether a member not shown now does
    stores.users.getState().setQuery({ ...stores.users.getState().query, search: 'user' });
    stores.members.getState().setQuery({ id: 'g1', search: 'user' });
    await flush();
    calls.length = 0;
    live.onUsersChanged({
      rows: [user(3, { modified: '2026-01-03T00:00:00.000Z' })],
      removed: [],
      overflow: false,
    });
    await flush();
    expect(calls.sort()).toEqual(['listGroupMembers', 'listUsers']);
    calls.length = 0;
    stores.users.getState().setQuery({ ...stores.users.getState().query, search: '' });
    stores.members.getState().setQuery({ id: 'g1', search: '' });
    await flush();
    calls.length = 0;
  });
});
