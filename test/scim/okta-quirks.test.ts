/**
 * docs/okta.md §4 "Known quirks and pitfalls", Q1–Q25: each test asserts the table's "Correct
 * behaviour" column over real HTTP (default netskope profile: PATCH answers 204, members read
 * with attributes=members).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/scim-server';
import {
  createGroup,
  createUser,
  createUsers,
  expectScimError,
  filterQuery,
  GROUP_URN,
  json,
  memberIds,
  oktaUser,
  patchOp,
  type Json,
  type ListBody,
} from '../support/scim-client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Okta quirks (docs/okta.md §4)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const patch = (path: string, ...ops: Json[]): Promise<Response> =>
    s.scim(path, { method: 'PATCH', json: patchOp(...ops) });
  const getUser = async (id: string): Promise<Json> => json(await s.scim(`/Users/${id}`));
  const list = async (path: string): Promise<ListBody> => {
    const res = await s.scim(path);
    expect(res.status).toBe(200);
    return json<ListBody>(res);
  };

  it('Q1 path-less PATCH value object applied key by key; path "active" with a bare value works too', async () => {
    const u = await createUser(s, 'q1.user@example.com');
    const id = u['id'] as string;
    expect(
      (
        await patch(`/Users/${id}`, {
          op: 'replace',
          value: { active: false, name: { givenName: 'Q', familyName: 'One' } },
        })
      ).status,
    ).toBe(204);
    expect(await getUser(id)).toMatchObject({
      active: false,
      name: { givenName: 'Q', familyName: 'One' },
      userName: 'q1.user@example.com',
    });
    expect((await patch(`/Users/${id}`, { op: 'replace', path: 'active', value: true })).status).toBe(204);
    expect((await getUser(id))['active']).toBe(true);
    expect((await patch(`/Users/${id}`, { op: 'replace', path: 'active', value: false })).status).toBe(204);
    expect((await getUser(id))['active']).toBe(false);
  });

  it('Q2 group PATCH without path {id, displayName} → 204: name applied, id/schemas/meta ignored, members kept', async () => {
    const [a] = await createUsers(s, 'q2', 1);
    const g = await createGroup(s, 'Q2 group', [{ value: a as string }]);
    const id = g['id'] as string;
    const res = await patch(`/Groups/${id}`, {
      op: 'replace',
      value: { id, schemas: [GROUP_URN], meta: { resourceType: 'Group' }, displayName: 'Q2 renamed' },
    });
    expect(res.status).toBe(204);
    const after = await json(await s.scim(`/Groups/${id}`));
    expect(after).toMatchObject({ id, displayName: 'Q2 renamed', schemas: [GROUP_URN] });
    expect(await memberIds(s, id)).toEqual([a]);
  });

  it('Q3 path-less replace without members leaves the members alone', async () => {
    const [a, b] = await createUsers(s, 'q3', 2);
    const g = await createGroup(s, 'Q3 group', [{ value: a as string }, { value: b as string }]);
    const id = g['id'] as string;
    expect(
      (
        await patch(`/Groups/${id}`, {
          op: 'replace',
          value: { displayName: 'Q3 renamed', externalId: 'ext-q3' },
        })
      ).status,
    ).toBe(204);
    expect(await memberIds(s, id)).toEqual([a, b].sort());
  });

  it('Q4 path-less replace with members replaces the whole list (not merged); [] empties it', async () => {
    const [a, b, c] = await createUsers(s, 'q4', 3);
    const g = await createGroup(s, 'Q4 group', [{ value: a as string }, { value: b as string }]);
    const id = g['id'] as string;
    await patch(`/Groups/${id}`, { op: 'replace', value: { members: [{ value: c }] } });
    expect(await memberIds(s, id)).toEqual([c]);
    await patch(`/Groups/${id}`, { op: 'replace', value: { members: [], id, displayName: 'Q4 group' } });
    expect(await memberIds(s, id)).toEqual([]);
  });

  it('Q5 replace path members value [] (Push Now of an empty group) empties the group, 204', async () => {
    const [a] = await createUsers(s, 'q5', 1);
    const g = await createGroup(s, 'Q5 group', [{ value: a as string }]);
    const res = await patch(`/Groups/${g['id'] as string}`, { op: 'replace', path: 'members', value: [] });
    expect(res.status).toBe(204);
    expect(await memberIds(s, g['id'] as string)).toEqual([]);
  });

  it('Q6 remove members[value eq "<id>"] without value removes only that member; a non-member is a no-op success', async () => {
    const [a, b, c] = await createUsers(s, 'q6', 3);
    const g = await createGroup(s, 'Q6 group', [
      { value: a as string },
      { value: b as string },
      { value: c as string },
    ]);
    const id = g['id'] as string;
    expect(
      (await patch(`/Groups/${id}`, { op: 'remove', path: `members[value eq "${b as string}"]` })).status,
    ).toBe(204);
    expect(await memberIds(s, id)).toEqual([a, c].sort());
    expect(
      (await patch(`/Groups/${id}`, { op: 'remove', path: `members[value eq "${b as string}"]` })).status,
    ).toBe(204);
    expect(await memberIds(s, id)).toEqual([a, c].sort());
  });

  it('Q7 member objects without type are accepted (type defaults to User)', async () => {
    const [a, b] = await createUsers(s, 'q7', 2);
    const g = await createGroup(s, 'Q7 group', [{ value: a as string }]);
    const id = g['id'] as string;
    expect(
      (await patch(`/Groups/${id}`, { op: 'add', path: 'members', value: [{ value: b, display: 'q7.b' }] }))
        .status,
    ).toBe(204);
    const body = await json<{ members: Json[] }>(await s.scim(`/Groups/${id}?attributes=members`));
    expect(body.members.map((m) => m['type'])).toEqual(['User', 'User']);
  });

  it('Q8 re-adding an existing member creates no duplicate (also twice in one request)', async () => {
    const [a] = await createUsers(s, 'q8', 1);
    const g = await createGroup(s, 'Q8 group', [{ value: a as string }, { value: a as string }]);
    const id = g['id'] as string;
    for (let i = 0; i < 2; i++) {
      await patch(`/Groups/${id}`, { op: 'add', path: 'members', value: [{ value: a }, { value: a }] });
    }
    expect(await memberIds(s, id)).toEqual([a]);
  });

  it('Q9 an application/scim+json body is parsed (with or without charset), as is application/json', async () => {
    for (const [i, type] of [
      'application/scim+json',
      'application/scim+json; charset=utf-8',
      'application/json; charset=UTF-8',
    ].entries()) {
      const res = await s.scim('/Users', {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify(oktaUser(`q9.t${i}@example.com`)),
      });
      expect(res.status, type).toBe(201);
      expect((await json(res))['userName']).toBe(`q9.t${i}@example.com`);
    }
  });

  it('Q10 userName stored as sent; compared case-insensitively in eq filters and in uniqueness', async () => {
    const u = await createUser(s, 'Q10.MixedCase@Example.COM');
    expect(u['userName']).toBe('Q10.MixedCase@Example.COM');
    expect((await getUser(u['id'] as string))['userName']).toBe('Q10.MixedCase@Example.COM');
    const found = await list(`/Users${filterQuery('userName eq "q10.mixedcase@example.com"')}`);
    expect(found.Resources.map((r) => r['userName'])).toEqual(['Q10.MixedCase@Example.COM']);
    await expectScimError(
      await s.scim('/Users', { method: 'POST', json: oktaUser('q10.mixedcase@example.com') }),
      409,
      'uniqueness',
    );
  });

  it('Q11 a second POST of the same userName → 409 SCIM Error scimType uniqueness, no second user', async () => {
    await createUser(s, 'q11.user@example.com');
    await expectScimError(
      await s.scim('/Users', { method: 'POST', json: oktaUser('q11.user@example.com') }),
      409,
      'uniqueness',
    );
    expect((await list(`/Users${filterQuery('userName eq "q11.user@example.com"')}`)).totalResults).toBe(1);
  });

  it('Q12 missing or invalid token → 401 SCIM Error JSON (status "401", detail), never HTML or 500', async () => {
    const attempts: Record<string, string>[] = [
      { 'x-no-auth': '1' },
      { authorization: 'Bearer invalid-token-123456' },
      { authorization: 'non-token' },
    ];
    for (const headers of attempts) {
      const res = await s.scim('/Users', { headers });
      expect(res.headers.get('content-type')).toMatch(/json/);
      await expectScimError(res, 401);
    }
  });

  it('Q13 counts are integers: itemsPerPage = resources on this page, totalResults = all matches', async () => {
    await createUsers(s, 'q13', 3);
    const body = await list(`/Users${filterQuery('userName sw "q13."', 'startIndex=1&count=100')}`);
    expect(body).toMatchObject({ totalResults: 3, itemsPerPage: 3, startIndex: 1 });
    const page = await list(`/Users${filterQuery('userName sw "q13."', 'startIndex=1&count=2')}`);
    expect(page).toMatchObject({ totalResults: 3, itemsPerPage: 2 });
    for (const v of [page.totalResults, page.itemsPerPage, page.startIndex])
      expect(Number.isInteger(v)).toBe(true);
  });

  it('Q14 a page past the end → 200, Resources [], itemsPerPage 0, same totalResults', async () => {
    const total = (await list('/Users?count=0')).totalResults;
    expect(await list(`/Users?startIndex=${total + 100}&count=100`)).toMatchObject({
      totalResults: total,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('Q15 ordering is consistent between pages and unaffected by updates (immutable key)', async () => {
    const ids = async (): Promise<string[]> =>
      (await list('/Users?count=200')).Resources.map((r) => r['id'] as string);
    const before = await ids();
    const first = before[0] as string;
    const current = await getUser(first);
    await s.scim(`/Users/${first}`, {
      method: 'PUT',
      json: {
        ...current,
        userName: 'zzz.q15.renamed@example.com',
        name: { givenName: 'Z', familyName: 'Z' },
      },
    });
    await patch(`/Users/${before[1] as string}`, { op: 'replace', value: { active: false } });
    expect(await ids()).toEqual(before);
    const paged: string[] = [];
    for (let start = 1; start <= before.length; start += 7) {
      paged.push(
        ...(await list(`/Users?startIndex=${start}&count=7`)).Resources.map((r) => r['id'] as string),
      );
    }
    expect(paged).toEqual(before);
  });

  it('Q16 inactive users stay: GET 200, listed, found by the userName filter', async () => {
    const u = await createUser(s, 'q16.user@example.com');
    const id = u['id'] as string;
    await patch(`/Users/${id}`, { op: 'replace', value: { active: false } });
    expect((await s.scim(`/Users/${id}`)).status).toBe(200);
    expect(
      (await list('/Users?count=200')).Resources.some((r) => r['id'] === id && r['active'] === false),
    ).toBe(true);
    expect(
      (await list(`/Users${filterQuery('userName eq "q16.user@example.com"')}`)).Resources[0]?.['id'],
    ).toBe(id);
  });

  it('Q17 name.givenName/familyName always returned (empty string when unknown), emails[0].value too', async () => {
    const res = await s.scim('/Users', {
      method: 'POST',
      json: { userName: 'q17.user@example.com', emails: [{ value: 'q17.user@example.com', primary: true }] },
    });
    expect(res.status).toBe(201);
    const u = await json(res);
    expect(u['name']).toEqual({ givenName: '', familyName: '' });
    const listed = await list(`/Users${filterQuery('userName eq "q17.user@example.com"')}`);
    expect(listed.Resources[0]).toMatchObject({
      name: { givenName: '', familyName: '' },
      emails: [{ value: 'q17.user@example.com' }],
    });
  });

  it('Q18 a 256-member PATCH is one transaction: all applied, or none when one member is invalid', async () => {
    const ids = await createUsers(s, 'q18', 256);
    const g = await createGroup(s, 'Q18 group');
    const other = await createGroup(s, 'Q18 other');
    const id = g['id'] as string;
    // a group id as a member makes the whole request fail (nested groups refused), atomically
    const bad = [...ids.map((value) => ({ value })), { value: other['id'] }];
    await expectScimError(await patch(`/Groups/${id}`, { op: 'add', path: 'members', value: bad }), 400);
    expect(await memberIds(s, id)).toEqual([]);
    expect(
      (await patch(`/Groups/${id}`, { op: 'add', path: 'members', value: ids.map((value) => ({ value })) }))
        .status,
    ).toBe(204);
    expect(await memberIds(s, id)).toEqual([...ids].sort());
  }, 60_000);

  it('Q19 every error is JSON, from unknown routes to bad encodings', async () => {
    const origin = new URL(s.base).origin;
    const cases: [string, RequestInit, number][] = [
      [`${origin}/`, {}, 404],
      [`${origin}/favicon.ico`, {}, 404],
      [`${origin}/api/v2/scim/Users/%E0%A4%A`, {}, 404],
      [`${s.base}/Users/a/b/c`, {}, 404],
      [
        `${s.base}/Bulk`,
        { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } },
        404,
      ],
      [
        `${s.base}/Users`,
        { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } },
        405,
      ],
      [`${s.base}/Users`, { method: 'POST', body: '<xml/>', headers: { 'content-type': 'text/xml' } }, 415],
      [`${s.base}/Users`, { method: 'POST', body: '', headers: { 'content-type': 'application/json' } }, 400],
    ];
    for (const [url, init, status] of cases) {
      const res = await s.scim(url, init);
      expect(res.headers.get('content-type'), url).toMatch(/json/);
      await expectScimError(res, status);
    }
  });

  it('Q20 capitalised op names ("Replace", "Add", "Remove", "REPLACE") are accepted', async () => {
    const [a] = await createUsers(s, 'q20', 1);
    const u = await createUser(s, 'q20.user@example.com');
    expect(
      (await patch(`/Users/${u['id'] as string}`, { op: 'Replace', path: 'active', value: false })).status,
    ).toBe(204);
    expect(
      (await patch(`/Users/${u['id'] as string}`, { op: 'REPLACE', value: { active: true } })).status,
    ).toBe(204);
    const g = await createGroup(s, 'Q20 group');
    const id = g['id'] as string;
    expect((await patch(`/Groups/${id}`, { op: 'Add', path: 'members', value: [{ value: a }] })).status).toBe(
      204,
    );
    expect(await memberIds(s, id)).toEqual([a]);
    expect(
      (await patch(`/Groups/${id}`, { op: 'Remove', path: `members[value eq "${a as string}"]` })).status,
    ).toBe(204);
    expect(await memberIds(s, id)).toEqual([]);
  });

  it('Q21 PUT without active keeps the current value; password is never stored or returned', async () => {
    const u = await createUser(s, 'q21.user@example.com');
    const id = u['id'] as string;
    for (const active of [false, true]) {
      await patch(`/Users/${id}`, { op: 'replace', value: { active } });
      const { active: _drop, password: _pw, ...rest } = oktaUser('q21.user@example.com');
      const res = await s.scim(`/Users/${id}`, { method: 'PUT', json: rest });
      expect(res.status).toBe(200);
      expect((await json(res))['active']).toBe(active);
    }
    expect(await (await s.scim(`/Users/${id}`)).text()).not.toMatch(/password|1mz050nq/);
  });

  it('Q22 ids are server-minted UUIDs; a client id or bulkId in the body is ignored', async () => {
    const res = await s.scim('/Users', {
      method: 'POST',
      json: { ...oktaUser('q22.user@example.com'), id: 'bulkId:qwerty', bulkId: 'qwerty' },
    });
    expect(res.status).toBe(201);
    const u = await json(res);
    expect(u['id']).toMatch(UUID);
    expect(u).not.toHaveProperty('bulkId');
    expect((await createGroup(s, 'Q22 group'))['id']).toMatch(UUID);
  });

  it('Q23 a duplicate group displayName (any case) → 409, on create and on rename', async () => {
    await createGroup(s, 'Q23 Engineering');
    const res = await s.scim('/Groups', {
      method: 'POST',
      json: { schemas: [GROUP_URN], displayName: 'q23 engineering', members: [] },
    });
    await expectScimError(res, 409, 'uniqueness');
    const other = await createGroup(s, 'Q23 Sales');
    await expectScimError(
      await patch(`/Groups/${other['id'] as string}`, {
        op: 'replace',
        value: { displayName: 'Q23 ENGINEERING' },
      }),
      409,
      'uniqueness',
    );
    expect((await list(`/Groups${filterQuery('displayName eq "Q23 Engineering"')}`)).totalResults).toBe(1);
  });

  it('Q24 PUT on an unknown id → 404 SCIM Error and nothing is created', async () => {
    const id = crypto.randomUUID();
    await expectScimError(
      await s.scim(`/Users/${id}`, { method: 'PUT', json: { ...oktaUser('q24.ghost@example.com'), id } }),
      404,
    );
    await expectScimError(
      await s.scim(`/Groups/${id}`, {
        method: 'PUT',
        json: { schemas: [GROUP_URN], id, displayName: 'Q24 ghost', members: [] },
      }),
      404,
    );
    expect((await list(`/Users${filterQuery('userName eq "q24.ghost@example.com"')}`)).totalResults).toBe(0);
    expect((await list(`/Groups${filterQuery('displayName eq "Q24 ghost"')}`)).totalResults).toBe(0);
    expect((await s.scim(`/Users/${id}`)).status).toBe(404);
  });

  it('Q25 /ServiceProviderConfig is implemented for other clients (Okta never reads it)', async () => {
    const res = await s.scim('/ServiceProviderConfig');
    expect(res.status).toBe(200);
    const spc = await json(res);
    expect(spc).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
    });
    expect((spc['authenticationSchemes'] as Json[])[0]).toMatchObject({
      type: 'oauthbearertoken',
      primary: true,
    });
  });
});
