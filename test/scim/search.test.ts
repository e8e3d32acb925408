/**
 * POST /.search (RFC 7644 §3.4.3) at the root and under /Users and /Groups, in every profile:
 * the same filter, sort, paging and attribute semantics as GET, compared answer for answer
 * with the equivalent GET, and a SearchRequest that is not one is refused with 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/scim-server';
import {
  createGroup,
  createUser,
  expectScimError,
  json,
  type Json,
  type ListBody,
} from '../support/scim-client';

const SEARCH_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const sr = (fields: Json = {}): Json => ({ schemas: [SEARCH_URN], ...fields });

describe.each(['rfc'] as const)('POST /.search (%s profile)', (profile) => {
  let s: TestServer;
  const search = async (path: string, body: Json): Promise<Response> =>
    s.scim(path, { method: 'POST', json: body });
  const ids = (list: ListBody): unknown[] => list.Resources.map((r) => r['id']);

  beforeAll(async () => {
    s = await startTestServer({ profile });
    for (const n of ['carol', 'alice', 'bob']) await createUser(s, `${n}.search@example.com`);
    await createGroup(s, 'Search Admins');
    await createGroup(s, 'Search Users');
  });
  afterAll(() => s.close());

  it('/Users/.search answers exactly what GET /Users answers for the same query', async () => {
    const body = sr({
      filter: 'userName sw "a" or userName sw "b"',
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 1,
      count: 5,
      attributes: ['userName'],
    });
    const res = await search('/Users/.search', body);
    expect(res.status).toBe(200);
    const viaSearch = await json<ListBody>(res);
    const viaGet = await json<ListBody>(
      await s.scim(
        `/Users?filter=${encodeURIComponent('userName sw "a" or userName sw "b"')}&sortBy=userName&sortOrder=descending&startIndex=1&count=5&attributes=userName`,
      ),
    );
    expect(viaSearch).toEqual(viaGet);
    expect(viaSearch.Resources.map((r) => r['userName'])).toEqual([
      'bob.search@example.com',
      'alice.search@example.com',
    ]);
    expect(Object.keys(viaSearch.Resources[0] ?? {}).sort()).toEqual(['id', 'schemas', 'userName']);
  });

  it('/Users/.search pages with startIndex and count, and honours excludedAttributes', async () => {
    const page = await json<ListBody>(
      await search(
        '/Users/.search',
        sr({ sortBy: 'userName', startIndex: 2, count: 1, excludedAttributes: ['emails'] }),
      ),
    );
    expect(page.totalResults).toBe(3);
    expect(page.startIndex).toBe(2);
    expect(page.Resources.map((r) => r['userName'])).toEqual(['bob.search@example.com']);
    expect(page.Resources[0]).not.toHaveProperty('emails');
  });

  it('/Groups/.search filters groups', async () => {
    const res = await json<ListBody>(
      await search('/Groups/.search', sr({ filter: 'displayName eq "search admins"' })),
    );
    expect(res.Resources.map((r) => r['displayName'])).toEqual(['Search Admins']);
  });

  it('the root search spans users then groups, paged as one list', async () => {
    const all = await json<ListBody>(await search('/.search', sr({ sortBy: 'id' })));
    expect(all.totalResults).toBe(5);
    const types = all.Resources.map((r) => (r['meta'] as Json)['resourceType']);
    expect(types).toEqual(['User', 'User', 'User', 'Group', 'Group']);
    // A page that straddles the boundary: the last user and the first group.
    const straddle = await json<ListBody>(
      await search('/.search', sr({ sortBy: 'id', startIndex: 3, count: 2 })),
    );
    expect(straddle.totalResults).toBe(5);
    expect(ids(straddle)).toEqual(ids(all).slice(2, 4));
    const groupsOnly = await json<ListBody>(
      await search('/.search', sr({ sortBy: 'id', startIndex: 5, count: 10 })),
    );
    expect(ids(groupsOnly)).toEqual(ids(all).slice(4));
    // A filter on an attribute only users have finds users and no group.
    const byName = await json<ListBody>(
      await search('/.search', sr({ filter: 'userName eq "ALICE.search@example.com"' })),
    );
    expect(byName.Resources.map((r) => r['userName'])).toEqual(['alice.search@example.com']);
    // …and one no resource type defines is the client's mistake, as in GET.
    await expectScimError(await search('/.search', sr({ filter: 'shoeSize eq "9"' })), 400, 'invalidFilter');
  });

  it('a body that is not a SearchRequest is refused with 400, and only POST is allowed', async () => {
    await expectScimError(await search('/Users/.search', { filter: 'userName pr' }), 400, 'invalidSyntax');
    await expectScimError(await search('/Users/.search', sr({ shoeSize: 9 })), 400, 'invalidSyntax');
    await expectScimError(await search('/Users/.search', sr({ count: 'ten' })), 400, 'invalidValue');
    await expectScimError(await search('/Users/.search', sr({ attributes: [1] })), 400, 'invalidValue');
    await expectScimError(
      await search('/Users/.search', sr({ filter: 'userName eq' })),
      400,
      'invalidFilter',
    );
    const get = await s.scim('/.search');
    await expectScimError(get, 405);
  });
});

describe.each(['netskope', 'netskope-legacy'] as const)('no /.search in the %s profile', (profile) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ profile });
  });
  afterAll(() => s.close());

  it('answers 404 as a Netskope tenant does (docs/netskope.md §4)', async () => {
    for (const path of ['/.search', '/Users/.search', '/Groups/.search']) {
      await expectScimError(await s.scim(path, { method: 'POST', json: sr() }), 404);
    }
  });
});
