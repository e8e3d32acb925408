/**
 * docs/okta.md §5 "Checklist for Okta compatibility", items 1–39, one test each, over real HTTP
 * against the default (netskope) profile: PATCH answers 204, group members only with
 * attributes=members (docs/netskope.md §4, §6). Okta accepts 200 or 204 wherever the list says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';
import {
  createGroup,
  createUser,
  createUsers,
  ERROR_URN,
  expectScimError,
  filterQuery,
  GROUP_URN,
  json,
  LIST_URN,
  memberIds,
  oktaUser,
  patchOp,
  USER_URN,
  type Json,
  type ListBody,
} from '../support/scim-client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Okta compatibility checklist (docs/okta.md §5)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const list = async (path: string): Promise<ListBody> => {
    const res = await s.scim(path);
    const body = await json<ListBody>(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body;
  };
  const userCount = async (): Promise<number> => (await list('/Users?count=0')).totalResults;

  it('C1 Bearer token accepted with any scheme case; anything else → 401 SCIM Error JSON', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const res = await s.scim('/Users?startIndex=1&count=2', {
        headers: { authorization: `${scheme} ${TOKEN}` },
      });
      expect(res.status, scheme).toBe(200);
    }
    for (const authorization of [
      `Basic ${TOKEN}`,
      `Token ${TOKEN}`,
      'Bearer wrong-token-value',
      'non-token',
      TOKEN,
    ]) {
      await expectScimError(await s.scim('/Users', { headers: { authorization } }), 401);
    }
    await expectScimError(await s.scim('/Users', { headers: { 'x-no-auth': '1' } }), 401);
  });

  it('C2 GET /Users?startIndex=1&count=2 → 200 ListResponse even when the store is empty', async () => {
    const fresh = await startTestServer();
    try {
      const res = await fresh.scim('/Users?startIndex=1&count=2');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        schemas: [LIST_URN],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    } finally {
      await fresh.close();
    }
  });

  it('C3 GET /Groups?startIndex=1&count=100 → 200 ListResponse', async () => {
    const body = await list('/Groups?startIndex=1&count=100');
    expect(body.schemas).toEqual([LIST_URN]);
    expect(Array.isArray(body.Resources)).toBe(true);
  });

  it('C4 ListResponse: ListResponse URN; totalResults/startIndex/itemsPerPage integers; Resources an array', async () => {
    await createUser(s, 'c4.user@example.com');
    for (const path of [
      '/Users',
      '/Users?startIndex=1&count=2',
      '/Groups',
      filterQuery('userName eq "nobody@x.io"'),
    ]) {
      const body = await list(path.startsWith('?') ? `/Users${path}` : path);
      expect(body.schemas).toEqual([LIST_URN]);
      for (const k of ['totalResults', 'startIndex', 'itemsPerPage'] as const)
        expect(Number.isInteger(body[k])).toBe(true);
      expect(Array.isArray(body.Resources)).toBe(true);
    }
  });

  it('C5 itemsPerPage = Resources on the page; startIndex echoes the request (min 1)', async () => {
    await createUsers(s, 'c5', 3);
    const total = await userCount();
    const page = await list('/Users?startIndex=2&count=2');
    expect(page.itemsPerPage).toBe(2);
    expect(page.Resources).toHaveLength(2);
    expect(page.startIndex).toBe(2);
    expect(page.totalResults).toBe(total);
    const last = await list(`/Users?startIndex=${total}&count=100`);
    expect(last.itemsPerPage).toBe(1);
    expect(last.startIndex).toBe(total);
    expect((await list('/Users?startIndex=0&count=1')).startIndex).toBe(1);
    expect((await list('/Users?startIndex=-5&count=1')).startIndex).toBe(1);
  });

  it('C6 filter=userName eq "x" decoded from both %20/%22 and + encodings', async () => {
    const u = await createUser(s, 'jane.doe@example.com');
    const forms = [
      '/Users?filter=userName%20eq%20%22jane.doe%40example.com%22&startIndex=1&count=100',
      '/Users?filter=userName+eq+%22jane.doe%40example.com%22&startIndex=1&count=100',
    ];
    for (const path of forms) {
      const body = await list(path);
      expect(body.totalResults, path).toBe(1);
      expect(body.Resources[0]?.['id']).toBe(u['id']);
    }
  });

  it('C7 userName eq matching is case-insensitive; no match → 200 totalResults 0', async () => {
    const u = await createUser(s, 'Mixed.Case@Example.com');
    for (const v of ['mixed.case@example.com', 'MIXED.CASE@EXAMPLE.COM', 'Mixed.Case@Example.com']) {
      const body = await list(`/Users${filterQuery(`userName eq "${v}"`)}`);
      expect(body.Resources.map((r) => r['id'])).toEqual([u['id']]);
    }
    const none = await list(`/Users${filterQuery('userName eq "no.such.user@example.com"')}`);
    expect(none).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
  });

  it('C8 malformed or unsupported filters → 400 invalidFilter SCIM Error, never 500', async () => {
    for (const f of [
      'userName xx "a"',
      'userName eq',
      '(userName eq "a"',
      'emails[type eq "work"',
      'and',
      '"a" eq userName',
      'userName eq "a" or',
    ]) {
      await expectScimError(await s.scim(`/Users${filterQuery(f)}`), 400, 'invalidFilter');
    }
  });

  it('C9 POST /Users parses application/scim+json; charset=utf-8 and application/json', async () => {
    for (const [i, type] of ['application/scim+json; charset=utf-8', 'application/json'].entries()) {
      const userName = `c9.type${i}@example.com`;
      const res = await s.scim('/Users', {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify(oktaUser(userName)),
      });
      expect(res.status, type).toBe(201);
      expect((await json(res))['userName']).toBe(userName);
    }
  });

  it('C10 POST /Users → 201 with the full user, a server-issued stable id, core User schema, userName exactly as sent', async () => {
    const sent = oktaUser('Test.User.C10@Okta.Local');
    const res = await s.scim('/Users', { method: 'POST', json: sent });
    expect(res.status).toBe(201);
    const u = await json(res);
    expect(u['id']).toMatch(UUID);
    expect(u['schemas']).toContain(USER_URN);
    expect(u['userName']).toBe('Test.User.C10@Okta.Local');
    expect(u['name']).toEqual(sent['name']);
    expect(u['emails']).toEqual(sent['emails']);
    expect(u['active']).toBe(true);
    expect(u['meta']).toMatchObject({
      resourceType: 'User',
      location: `${s.base}/Users/${u['id'] as string}`,
    });
    expect(res.headers.get('location')).toBe(`${s.base}/Users/${u['id'] as string}`);
    expect(((await json(await s.scim(`/Users/${u['id'] as string}`))) as Json)['id']).toBe(u['id']);
  });

  it('C11 POST accepts and ignores password, groups: [], externalId, locale and the enterprise extension', async () => {
    const body = oktaUser('c11.user@example.com', {
      schemas: [USER_URN, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      title: 'Engineer',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' },
    });
    const res = await s.scim('/Users', { method: 'POST', json: body });
    expect(res.status).toBe(201);
    const u = await json(res);
    expect(u['externalId']).toBe(body['externalId']);
    expect(u).not.toHaveProperty('password');
    expect(u).not.toHaveProperty('groups');
  });

  it('C12 responses never include password (POST, GET, list, filter, PUT)', async () => {
    const u = await createUser(s, 'c12.user@example.com', { password: 'Secret-Pa55word' });
    const id = u['id'] as string;
    const texts = [
      JSON.stringify(u),
      await (await s.scim(`/Users/${id}`)).text(),
      await (await s.scim('/Users?count=200')).text(),
      await (await s.scim(`/Users${filterQuery('userName eq "c12.user@example.com"')}`)).text(),
      await (
        await s.scim(`/Users/${id}`, {
          method: 'PUT',
          json: { ...oktaUser('c12.user@example.com'), id, password: 'Another-Pa55' },
        })
      ).text(),
      await (await s.scim(`/Users/${id}?attributes=password`)).text(),
    ];
    for (const t of texts) {
      expect(t).not.toMatch(/"password"/i);
      expect(t).not.toContain('Pa55');
    }
  });

  it('C13 duplicate userName (any case) → 409 SCIM Error with scimType uniqueness', async () => {
    await createUser(s, 'c13.dup@example.com');
    for (const userName of ['c13.dup@example.com', 'C13.DUP@EXAMPLE.COM']) {
      await expectScimError(
        await s.scim('/Users', { method: 'POST', json: oktaUser(userName) }),
        409,
        'uniqueness',
      );
    }
  });

  it('C14 GET /Users/{unknown} → 404 SCIM Error with detail and status "404"', async () => {
    for (const id of ['010101001010101011001010101011', '00919288221112222', crypto.randomUUID()]) {
      await expectScimError(await s.scim(`/Users/${id}`), 404);
    }
  });

  it('C15 every listed user has name.givenName, name.familyName, userName, active, emails[0].value', async () => {
    const res = await s.scim('/Users', {
      method: 'POST',
      json: {
        schemas: [USER_URN],
        userName: 'c15.noname@example.com',
        emails: [{ primary: true, value: 'c15.noname@example.com' }],
      },
    });
    expect(res.status).toBe(201);
    const body = await list('/Users?count=200');
    for (const u of body.Resources) {
      const name = u['name'] as Json;
      expect(typeof name['givenName']).toBe('string');
      expect(typeof name['familyName']).toBe('string');
      expect(typeof u['userName']).toBe('string');
      expect(typeof u['active']).toBe('boolean');
      expect(typeof (u['emails'] as Json[])[0]?.['value']).toBe('string');
    }
  });

  it('C16 import walk with count=100 returns every user once; totalResults constant; order independent of count', async () => {
    const walk = async (count: number): Promise<string[]> => {
      const ids: string[] = [];
      let total: number | undefined;
      for (let start = 1, guard = 0; guard < 100; start += count, guard++) {
        const page = await list(`/Users?startIndex=${start}&count=${count}`);
        total ??= page.totalResults;
        expect(page.totalResults).toBe(total);
        ids.push(...page.Resources.map((r) => r['id'] as string));
        if (start + count > page.totalResults) break;
      }
      expect(ids).toHaveLength(total ?? -1);
      return ids;
    };
    await createUsers(s, 'c16', 230 - (await userCount()));
    const by100 = await walk(100);
    expect(new Set(by100).size).toBe(by100.length);
    expect(await walk(37)).toEqual(by100);
    expect(await walk(200)).toEqual(by100);
  }, 60_000);

  it('C17 page past the end → 200, no Resources, itemsPerPage 0, same totalResults', async () => {
    const total = await userCount();
    const body = await list(`/Users?startIndex=${total + 1}&count=100`);
    expect(body).toMatchObject({
      totalResults: total,
      itemsPerPage: 0,
      startIndex: total + 1,
      Resources: [],
    });
  });

  it('C18 GET /Users/{id} then PUT the full object (id, meta, groups, password) → 200 updated user', async () => {
    const u = await createUser(s, 'c18.user@example.com');
    const current = await json(await s.scim(`/Users/${u['id'] as string}`));
    const next = {
      ...current,
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      groups: [],
      password: 'x1y2z3',
    };
    const res = await s.scim(`/Users/${u['id'] as string}`, { method: 'PUT', json: next });
    expect(res.status).toBe(200);
    const updated = await json(res);
    expect(updated['id']).toBe(u['id']);
    expect(updated['name']).toEqual({ givenName: 'Another', familyName: 'User' });
    expect(updated['active']).toBe(true);
    expect(updated).not.toHaveProperty('password');
  });

  it('C19 PATCH path-less {"op":"replace","value":{"active":false}} deactivates; 204', async () => {
    const u = await createUser(s, 'c19.user@example.com');
    const res = await s.scim(`/Users/${u['id'] as string}`, {
      method: 'PATCH',
      json: patchOp({ op: 'replace', value: { active: false } }),
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect((await json(await s.scim(`/Users/${u['id'] as string}`)))['active']).toBe(false);
  });

  it('C20 deactivated users: GET 200 active:false; still returned by the userName filter', async () => {
    const u = await createUser(s, 'c20.user@example.com');
    await s.scim(`/Users/${u['id'] as string}`, {
      method: 'PATCH',
      json: patchOp({ op: 'replace', value: { active: false } }),
    });
    const res = await s.scim(`/Users/${u['id'] as string}`);
    expect(res.status).toBe(200);
    expect((await json(res))['active']).toBe(false);
    const found = await list(
      `/Users${filterQuery('userName eq "C20.USER@example.com"', 'startIndex=1&count=100')}`,
    );
    expect(found.Resources.map((r) => [r['id'], r['active']])).toEqual([[u['id'], false]]);
  });

  it('C21 PATCH {"active":true} reactivates with the same id', async () => {
    const u = await createUser(s, 'c21.user@example.com');
    const id = u['id'] as string;
    for (const active of [false, true]) {
      const res = await s.scim(`/Users/${id}`, {
        method: 'PATCH',
        json: patchOp({ op: 'replace', value: { active } }),
      });
      expect(res.status).toBe(204);
    }
    const again = await json(await s.scim(`/Users/${id}`));
    expect(again).toMatchObject({ id, active: true, userName: 'c21.user@example.com' });
  });

  it('C22 PATCH {"op":"replace","value":{"password":"..."}} accepted (204)', async () => {
    const u = await createUser(s, 'c22.user@example.com');
    const res = await s.scim(`/Users/${u['id'] as string}`, {
      method: 'PATCH',
      json: patchOp({ op: 'replace', value: { password: 'N3w-passw0rd' } }),
    });
    expect(res.status).toBe(204);
    expect(await (await s.scim(`/Users/${u['id'] as string}`)).text()).not.toContain('N3w-passw0rd');
  });

  it('C23 PUT with active:false then active:true (classic AIW apps) works', async () => {
    const u = await createUser(s, 'c23.user@example.com');
    const id = u['id'] as string;
    for (const active of [false, true]) {
      const current = await json(await s.scim(`/Users/${id}`));
      const res = await s.scim(`/Users/${id}`, { method: 'PUT', json: { ...current, active } });
      expect(res.status).toBe(200);
      expect((await json(res))['active']).toBe(active);
      expect((await json(await s.scim(`/Users/${id}`)))['active']).toBe(active);
    }
  });

  it('C24 PATCH/PUT on an unknown id → 404 SCIM Error, no resource created', async () => {
    const before = await userCount();
    const id = crypto.randomUUID();
    await expectScimError(
      await s.scim(`/Users/${id}`, {
        method: 'PATCH',
        json: patchOp({ op: 'replace', value: { active: false } }),
      }),
      404,
    );
    await expectScimError(
      await s.scim(`/Users/${id}`, { method: 'PUT', json: { ...oktaUser('c24.ghost@example.com'), id } }),
      404,
    );
    expect(await userCount()).toBe(before);
    expect((await list(`/Users${filterQuery('userName eq "c24.ghost@example.com"')}`)).totalResults).toBe(0);
  });

  it('C25 filter=displayName eq "x" on /Groups, case-insensitive', async () => {
    const g = await createGroup(s, 'Test SCIMv2 C25');
    for (const v of ['Test SCIMv2 C25', 'test scimv2 c25', 'TEST SCIMV2 C25']) {
      const body = await list(`/Groups${filterQuery(`displayName eq "${v}"`, 'startIndex=1&count=100')}`);
      expect(body.Resources.map((r) => r['id'])).toEqual([g['id']]);
    }
    expect((await list(`/Groups${filterQuery('displayName eq "nothing like it"')}`)).totalResults).toBe(0);
  });

  it('C26 POST /Groups {displayName, members: []} → 201 with id', async () => {
    const res = await s.scim('/Groups', {
      method: 'POST',
      json: { schemas: [GROUP_URN], displayName: 'C26 group', members: [] },
    });
    expect(res.status).toBe(201);
    const g = await json(res);
    expect(g['id']).toMatch(UUID);
    expect(g['displayName']).toBe('C26 group');
    expect(res.headers.get('location')).toBe(`${s.base}/Groups/${g['id'] as string}`);
  });

  it('C27 group PATCH path-less {id, displayName} → 204, members unchanged', async () => {
    const [a] = await createUsers(s, 'c27', 1);
    const g = await createGroup(s, 'C27 before', [{ value: a as string }]);
    const id = g['id'] as string;
    const res = await s.scim(`/Groups/${id}`, {
      method: 'PATCH',
      json: patchOp({ op: 'replace', value: { id, displayName: 'C27 after' } }),
    });
    expect(res.status).toBe(204);
    expect((await json(await s.scim(`/Groups/${id}`)))['displayName']).toBe('C27 after');
    expect(await memberIds(s, id)).toEqual([a]);
  });

  it('C28 add path members with [{value, display}] (no type) adds; re-adding is idempotent', async () => {
    const [a, b] = await createUsers(s, 'c28', 2);
    const g = await createGroup(s, 'C28 group');
    const id = g['id'] as string;
    const add = patchOp({
      op: 'add',
      path: 'members',
      value: [
        { value: a, display: 'c28.u00000@example.com' },
        { value: b, display: 'b' },
      ],
    });
    for (let i = 0; i < 2; i++)
      expect((await s.scim(`/Groups/${id}`, { method: 'PATCH', json: add })).status).toBe(204);
    expect(await memberIds(s, id)).toEqual([a, b].sort());
  });

  it('C29 remove path members[value eq "id"] without value removes exactly that member; a non-member → success', async () => {
    const [a, b, c] = await createUsers(s, 'c29', 3);
    const g = await createGroup(s, 'C29 group', [{ value: a as string }, { value: b as string }]);
    const id = g['id'] as string;
    const remove = (v: string): Json => patchOp({ op: 'remove', path: `members[value eq "${v}"]` });
    expect((await s.scim(`/Groups/${id}`, { method: 'PATCH', json: remove(a as string) })).status).toBe(204);
    expect(await memberIds(s, id)).toEqual([b]);
    for (const v of [c as string, crypto.randomUUID()]) {
      expect((await s.scim(`/Groups/${id}`, { method: 'PATCH', json: remove(v) })).status).toBe(204);
    }
    expect(await memberIds(s, id)).toEqual([b]);
  });

  it('C30 several operations in one PATCH are applied in order', async () => {
    const [a, b, c] = await createUsers(s, 'c30', 3);
    const g = await createGroup(s, 'C30 group', [{ value: a as string }]);
    const id = g['id'] as string;
    const res = await s.scim(`/Groups/${id}`, {
      method: 'PATCH',
      json: patchOp(
        { op: 'remove', path: `members[value eq "${a as string}"]` },
        { op: 'add', path: 'members', value: [{ value: b }, { value: a }] },
        { op: 'remove', path: `members[value eq "${b as string}"]` },
        { op: 'add', path: 'members', value: [{ value: c }] },
        { op: 'replace', path: 'displayName', value: 'C30 first' },
        { op: 'replace', value: { displayName: 'C30 second' } },
      ),
    });
    expect(res.status).toBe(204);
    expect(await memberIds(s, id)).toEqual([a, c].sort());
    expect((await json(await s.scim(`/Groups/${id}`)))['displayName']).toBe('C30 second');
  });

  it('C31 replace path members replaces the whole list; [] empties it', async () => {
    const [a, b, c] = await createUsers(s, 'c31', 3);
    const g = await createGroup(s, 'C31 group', [{ value: a as string }, { value: b as string }]);
    const id = g['id'] as string;
    expect(
      (
        await s.scim(`/Groups/${id}`, {
          method: 'PATCH',
          json: patchOp({ op: 'replace', path: 'members', value: [{ value: c }] }),
        })
      ).status,
    ).toBe(204);
    expect(await memberIds(s, id)).toEqual([c]);
    expect(
      (
        await s.scim(`/Groups/${id}`, {
          method: 'PATCH',
          json: patchOp({ op: 'replace', path: 'members', value: [] }),
        })
      ).status,
    ).toBe(204);
    expect(await memberIds(s, id)).toEqual([]);
  });

  it('C32 path-less replace with members replaces the whole list', async () => {
    const [a, b, c] = await createUsers(s, 'c32', 3);
    const g = await createGroup(s, 'C32 group', [{ value: a as string }, { value: b as string }]);
    const id = g['id'] as string;
    const res = await s.scim(`/Groups/${id}`, {
      method: 'PATCH',
      json: patchOp({
        op: 'replace',
        value: { id, displayName: 'C32 group', members: [{ value: c, display: 'c' }] },
      }),
    });
    expect(res.status).toBe(204);
    expect(await memberIds(s, id)).toEqual([c]);
    await s.scim(`/Groups/${id}`, {
      method: 'PATCH',
      json: patchOp({ op: 'replace', value: { members: [] } }),
    });
    expect(await memberIds(s, id)).toEqual([]);
  });

  it('C33 group list pages like users; a pushed group is listed with its current name', async () => {
    const g = await createGroup(s, 'C33 original');
    await s.scim(`/Groups/${g['id'] as string}`, {
      method: 'PATCH',
      json: patchOp({ op: 'replace', value: { id: g['id'], displayName: 'C33 renamed' } }),
    });
    const all: Json[] = [];
    const total = (await list('/Groups?count=0')).totalResults;
    for (let start = 1; start <= total; start += 3) {
      const page = await list(`/Groups?startIndex=${start}&count=3`);
      expect(page.totalResults).toBe(total);
      expect(page.itemsPerPage).toBe(page.Resources.length);
      all.push(...page.Resources);
    }
    expect(all).toHaveLength(total);
    expect(all.filter((r) => r['id'] === g['id']).map((r) => r['displayName'])).toEqual(['C33 renamed']);
    expect((await list(`/Groups?startIndex=${total + 1}&count=3`)).Resources).toEqual([]);
  });

  it('C34 PUT /Groups/{id} with the full members replaces name and members', async () => {
    const [a, b, c] = await createUsers(s, 'c34', 3);
    const g = await createGroup(s, 'C34 group', [{ value: a as string }]);
    const id = g['id'] as string;
    const res = await s.scim(`/Groups/${id}`, {
      method: 'PUT',
      json: {
        schemas: [GROUP_URN],
        id,
        displayName: 'C34 renamed',
        members: [
          { value: b, display: 'b' },
          { value: c, display: 'c' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect((await json(res))['displayName']).toBe('C34 renamed');
    expect(await memberIds(s, id)).toEqual([b, c].sort());
  });

  it('C35 DELETE /Groups/{id} → 204; then GET 404, filter 0, users untouched; second DELETE 404', async () => {
    const [a] = await createUsers(s, 'c35', 1);
    const g = await createGroup(s, 'C35 group', [{ value: a as string }]);
    const id = g['id'] as string;
    const res = await s.scim(`/Groups/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await expectScimError(await s.scim(`/Groups/${id}`), 404);
    expect((await list(`/Groups${filterQuery('displayName eq "C35 group"')}`)).totalResults).toBe(0);
    expect((await json(await s.scim(`/Users/${a as string}`)))['active']).toBe(true);
    await expectScimError(await s.scim(`/Groups/${id}`, { method: 'DELETE' }), 404);
  });

  it('C36 all error bodies are SCIM Error JSON with status as a string', async () => {
    const u = await createUser(s, 'c36.user@example.com');
    const cases: [Promise<Response>, number][] = [
      [s.scim('/Users', { headers: { authorization: 'Bearer nope' } }), 401],
      [s.scim(`/Users/${crypto.randomUUID()}`), 404],
      [s.scim(`/Groups/${crypto.randomUUID()}`, { method: 'DELETE' }), 404],
      [s.scim('/Nope'), 404],
      [s.scim('/Users', { method: 'DELETE' }), 405],
      [s.scim('/Users', { method: 'POST', json: oktaUser('c36.user@example.com') }), 409],
      [
        s.scim('/Users', {
          method: 'POST',
          body: '{"userName":',
          headers: { 'content-type': 'application/json' },
        }),
        400,
      ],
      [
        s.scim('/Users', {
          method: 'POST',
          body: 'userName=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
      ],
      [
        s.scim(`/Users/${u['id'] as string}`, {
          method: 'PUT',
          json: oktaUser('c36.user@example.com'),
          headers: { 'if-match': 'W/"999"' },
        }),
        412,
      ],
      [s.scim(`/Users${filterQuery('userName zz "x"')}`), 400],
    ];
    for (const [pending, status] of cases) {
      const body = await expectScimError(await pending, status);
      expect(body['schemas']).toEqual([ERROR_URN]);
    }
  });

  it('C37 a single membership PATCH may carry 1000 members (answered, all applied)', async () => {
    const ids = await createUsers(s, 'c37', 1000);
    const g = await createGroup(s, 'C37 big group');
    const res = await s.scim(`/Groups/${g['id'] as string}`, {
      method: 'PATCH',
      json: patchOp({
        op: 'add',
        path: 'members',
        value: ids.map((value, i) => ({ value, display: `c37.u${i}` })),
      }),
    });
    expect(res.status).toBe(204);
    expect(await memberIds(s, g['id'] as string)).toEqual([...ids].sort());
  }, 120_000);

  it('C38 when rate-limiting, 429 with an integer Retry-After and a SCIM body', async () => {
    const limited = await startTestServer();
    try {
      await limited.core.updateSettings({ rateLimit: { enabled: true, perSecond: 1 } });
      let res: Response | undefined;
      for (let i = 0; i < 20; i++) {
        res = await limited.scim('/Users?startIndex=1&count=2');
        if (res.status === 429) break;
        await res.text();
      }
      expect(res?.status).toBe(429);
      expect(res?.headers.get('retry-after')).toMatch(/^\d+$/);
      await expectScimError(res as Response, 429);
    } finally {
      await limited.close();
    }
  });

  it('C39 Okta flows work without DELETE /Users or /ServiceProviderConfig (which stays served for other clients)', async () => {
    const fresh = await startTestServer();
    try {
      const c = await fresh.scim('/Users', { method: 'POST', json: oktaUser('c39.user@example.com') });
      const id = ((await c.json()) as Json)['id'] as string;
      const patch = (active: boolean): Promise<Response> =>
        fresh.scim(`/Users/${id}`, { method: 'PATCH', json: patchOp({ op: 'replace', value: { active } }) });
      expect([(await patch(false)).status, (await patch(true)).status]).toEqual([204, 204]);
      const g = await fresh.scim('/Groups', {
        method: 'POST',
        json: { schemas: [GROUP_URN], displayName: 'C39', members: [] },
      });
      const gid = ((await g.json()) as Json)['id'] as string;
      const add = await fresh.scim(`/Groups/${gid}`, {
        method: 'PATCH',
        json: patchOp({ op: 'add', path: 'members', value: [{ value: id }] }),
      });
      expect(add.status).toBe(204);
      const seen = fresh.core.log.query({ limit: 100 }).map((e) => `${e.method} ${e.path}`);
      expect(seen.some((l) => /ServiceProviderConfig/i.test(l) || /^DELETE .*\/Users\//.test(l))).toBe(false);
      const spc = await fresh.scim('/ServiceProviderConfig');
      expect(spc.status).toBe(200);
      expect(((await spc.json()) as Json)['patch']).toEqual({ supported: true });
    } finally {
      await fresh.close();
    }
  });
});
