/**
 * totalResults and page contents for every startIndex/count around the edges, over HTTP.
 * The lister (server/store/resource-list.ts) keeps each query's total in a cache valid for one
 * write generation, continues creation-order pages from remembered keyset positions and skips
 * ORDER BY/LIMIT when exactly one row matches, so this checks the figures against an independent
 * count for filtered, unfiltered and sorted queries, before and after writes that move rows in
 * and out of the set (which must invalidate the cached totals and positions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/scim-server';
import { json, type ListBody } from '../support/scim-client';

const N = 23;
// A full page first (nothing cached yet), 0 last: a count of 0 must still report the total.
const COUNTS = [1, 4, 10, 22, 23, 24, 200, 0];

interface UserRow {
  id: string;
  userName: string;
}

describe('list totals and pages at the edges', () => {
  let s: TestServer;
  /** creation order, as the server keeps it */
  let users: UserRow[] = [];
  let inactive = new Set<string>();

  beforeAll(async () => {
    s = await startTestServer();
    for (let i = 0; i < N; i++) {
      const res = await s.scim('/Users', {
        method: 'POST',
        json: {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: `total${String(i).padStart(2, '0')}@example.com`,
          name: { givenName: 'T', familyName: String(N - i).padStart(2, '0') },
          emails: [{ value: `total${i}@example.com`, type: 'work', primary: true }],
          active: true,
        },
      });
      expect(res.status).toBe(201);
      users.push(await json<UserRow>(res));
    }
  });
  afterAll(() => s.close());

  const page = async (query: string): Promise<ListBody> => {
    const res = await s.scim(`/Users?${query}`);
    const body = await json<ListBody>(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body;
  };

  const check = async (
    label: string,
    filter: string | null,
    expected: () => UserRow[],
    sort?: string,
  ): Promise<void> => {
    const all = expected();
    for (const count of COUNTS) {
      for (let startIndex = 1; startIndex <= all.length + 2; startIndex++) {
        const q = new URLSearchParams({ startIndex: String(startIndex), count: String(count) });
        if (filter) q.set('filter', filter);
        if (sort) q.set('sortBy', sort);
        const body = await page(q.toString());
        const want = count === 0 ? [] : all.slice(startIndex - 1, startIndex - 1 + count);
        const where = `${label} startIndex=${startIndex} count=${count}`;
        expect(body.totalResults, where).toBe(all.length);
        expect(body.Resources?.map((r) => (r as unknown as UserRow).userName) ?? [], where).toEqual(
          want.map((u) => u.userName),
        );
      }
    }
  };

  it('unfiltered, creation order', async () => {
    await check('all', null, () => users);
  });

  it('filtered (sw), creation order', async () => {
    await check('sw', 'userName sw "total1"', () => users.filter((u) => u.userName.startsWith('total1')));
  });

  it('filtered (eq, hit and miss): the lookup Okta sends before a create', async () => {
    const one = users[7] as UserRow;
    await check('eq hit', `userName eq "${one.userName.toUpperCase()}"`, () => [one]);
    await check('eq miss', 'userName eq "nobody@example.com"', () => []);
  });

  it('sorted by name.familyName (the reverse of creation order)', async () => {
    const sorted = (): UserRow[] => [...users].reverse();
    await check('sorted', null, sorted, 'name.familyName');
  });

  it('after deactivations and a delete, totals follow the set', async () => {
    for (const u of users.slice(3, 9)) {
      const res = await s.scim(`/Users/${u.id}`, {
        method: 'PATCH',
        json: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', value: { active: false } }],
        },
      });
      expect(res.status).toBe(204);
      inactive.add(u.id);
    }
    const isActive = (): UserRow[] => users.filter((u) => !inactive.has(u.id));
    await check('active', 'active eq true', isActive);
    const gone = users[0] as UserRow;
    expect((await s.scim(`/Users/${gone.id}`, { method: 'DELETE' })).status).toBe(204);
    users = users.slice(1);
    inactive = new Set([...inactive].filter((id) => id !== gone.id));
    await check('after delete', null, () => users);
    await check('active after delete', 'active eq true', isActive);
  });
});
