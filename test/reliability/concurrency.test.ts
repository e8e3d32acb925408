/**
 * Concurrency (issue 4, "Faults: concurrency"), against the real server over loopback:
 * - parallel POSTs of one userName in different cases: exactly one 201, every other one 409
 *   `uniqueness` (userName is caseExact=false, RFC 7643 §4.1.1; RFC 7644 §3.3 409 on conflict);
 * - parallel membership adds of the same users never duplicate a member (Okta retries and
 *   overlapping pushes send the same member again; RFC 7644 §3.5.2.1 makes add idempotent);
 * - a PATCH whose later operation fails changes nothing (RFC 7644 §3.5.2: "each operation …
 *   applied sequentially … if any fails, the resource SHALL NOT be modified"), for users and
 *   groups, with failures found at every stage: parse, apply, validation, uniqueness in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATCH_SCHEMA, addMembers, oktaGroup, oktaUser } from '../e2e/okta-bodies';
import { startTestServer, type TestServer } from '../support/scim-server';
import { expectScimError } from '../support/scim-error';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

async function createUser(userName: string): Promise<{ id: string; userName: string }> {
  const res = await s.scim('/Users', {
    method: 'POST',
    json: oktaUser(userName, 'Ada', 'Lovelace', userName),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; userName: string };
}

async function createGroup(displayName: string): Promise<string> {
  const res = await s.scim('/Groups', { method: 'POST', json: oktaGroup(displayName) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function memberIds(groupId: string): Promise<string[]> {
  const res = await s.scim(`/Groups/${groupId}?attributes=members`);
  const body = (await res.json()) as { members?: { value: string }[] };
  return (body.members ?? []).map((m) => m.value);
}

function mixCase(text: string, i: number): string {
  return [...text].map((c, j) => ((i >> (j % 5)) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
}

describe('parallel creates of one userName', () => {
  it('20 POSTs in different cases: exactly one 201, nineteen 409 uniqueness', async () => {
    const names = Array.from({ length: 20 }, (_, i) => mixCase('race.condition@example.com', i + 1));
    expect(new Set(names).size).toBeGreaterThan(10);
    const replies = await Promise.all(
      names.map((n) => s.scim('/Users', { method: 'POST', json: oktaUser(n, 'Race', 'Condition', n) })),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(19);
    for (const r of replies.filter((x) => x.status === 409)) await expectScimError(r, 409, 'uniqueness');
    const list = await s.scim(
      `/Users?filter=${encodeURIComponent('userName eq "RACE.CONDITION@example.com"')}`,
    );
    expect(((await list.json()) as { totalResults: number }).totalResults).toBe(1);
  });
});

describe('parallel membership adds', () => {
  it('10 overlapping PATCH adds of the same 30 users leave exactly 30 members', async () => {
    const users = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createUser(`member.${i}@example.com`)),
    );
    const group = await createGroup('parallel-adds');
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, k) => {
        // Each request adds a rotated slice of 20 (and repeats one user inside the request).
        const slice = [...users.slice(k * 3), ...users.slice(0, k * 3)].slice(0, 20);
        const members = [...slice, slice[0] as (typeof slice)[number]].map((u) => ({
          value: u.id,
          display: u.userName,
        }));
        return s.scim(`/Groups/${group}`, { method: 'PATCH', json: addMembers(members) });
      }),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(204));
    // Then everyone at once, twice in parallel.
    const all = users.map((u) => ({ value: u.id, display: u.userName }));
    const again = await Promise.all(
      [0, 1].map(() => s.scim(`/Groups/${group}`, { method: 'PATCH', json: addMembers(all) })),
    );
    expect(again.map((r) => r.status)).toEqual([204, 204]);
    const ids = await memberIds(group);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(new Set(ids)).toEqual(new Set(users.map((u) => u.id)));
  });
});

describe('a PATCH is all or nothing', () => {
  let user: { id: string; userName: string };
  let other: { id: string; userName: string };
  let group: string;
  let otherGroup: string;
  let member: { id: string; userName: string };

  beforeAll(async () => {
    user = await createUser('atomic.user@example.com');
    other = await createUser('atomic.other@example.com');
    member = await createUser('atomic.member@example.com');
    group = await createGroup('atomic-group');
    otherGroup = await createGroup('atomic-other-group');
    const seed = await s.scim(`/Groups/${group}`, {
      method: 'PATCH',
      json: addMembers([{ value: other.id, display: other.userName }]),
    });
    expect(seed.status).toBe(204);
  });

  const valid = { op: 'replace', path: 'name.givenName', value: 'Changed' };
  const userCases: [string, number, string, () => Record<string, unknown>][] = [
    [
      'unknown op name (parse)',
      400,
      'invalidSyntax',
      () => ({ op: 'explode', path: 'active', value: false }),
    ],
    [
      'value filter matching nothing (apply)',
      400,
      'noTarget',
      () => ({ op: 'replace', path: 'emails[type eq "home"].value', value: 'z@example.com' }),
    ],
    [
      'wrong type (validation)',
      400,
      'invalidValue',
      () => ({ op: 'replace', path: 'active', value: 'maybe' }),
    ],
    ['removing the required userName', 400, 'invalidValue', () => ({ op: 'remove', path: 'userName' })],
    [
      'userName taken by another user (store)',
      409,
      'uniqueness',
      () => ({ op: 'replace', path: 'userName', value: other.userName.toUpperCase() }),
    ],
  ];

  it.each(userCases)('user: valid op then %s → %i, user unchanged', async (_name, status, scimType, bad) => {
    const before = await (await s.scim(`/Users/${user.id}`)).json();
    const res = await s.scim(`/Users/${user.id}`, {
      method: 'PATCH',
      json: {
        schemas: [PATCH_SCHEMA],
        Operations: [valid, { op: 'replace', value: { active: false } }, bad()],
      },
    });
    await expectScimError(res, status, scimType);
    expect(await (await s.scim(`/Users/${user.id}`)).json()).toEqual(before);
  });

  const groupCases: [string, number, string, () => Record<string, unknown>][] = [
    ['unknown op name (parse)', 400, 'invalidSyntax', () => ({ op: 'explode', path: 'members', value: [] })],
    [
      'a group as a member',
      400,
      'invalidValue',
      () => ({ op: 'add', path: 'members', value: [{ value: otherGroup }] }),
    ],
    [
      'displayName of the wrong type',
      400,
      'invalidValue',
      () => ({ op: 'replace', path: 'displayName', value: 42 }),
    ],
    ['removing the required displayName', 400, 'invalidValue', () => ({ op: 'remove', path: 'displayName' })],
    [
      'displayName taken by another group (store)',
      409,
      'uniqueness',
      () => ({ op: 'replace', path: 'displayName', value: 'atomic-other-group' }),
    ],
  ];

  it.each(groupCases)(
    'group: member add/remove then %s → %i, group unchanged',
    async (_n, status, scimType, bad) => {
      const before = await (await s.scim(`/Groups/${group}?attributes=members`)).json();
      const res = await s.scim(`/Groups/${group}`, {
        method: 'PATCH',
        json: {
          schemas: [PATCH_SCHEMA],
          Operations: [
            { op: 'remove', path: `members[value eq "${other.id}"]` },
            { op: 'add', path: 'members', value: [{ value: member.id, display: member.userName }] },
            { op: 'replace', value: { displayName: 'renamed-then-undone' } },
            bad(),
          ],
        },
      });
      await expectScimError(res, status, scimType);
      expect(await (await s.scim(`/Groups/${group}?attributes=members`)).json()).toEqual(before);
      expect(await memberIds(group)).toEqual([other.id]);
    },
  );
});
