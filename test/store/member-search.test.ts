/**
 * A group's member search gives the same answer whichever way it runs: row by row for a small
 * group, through the users' search index past 5,000 members (server/store/groups-repo.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../server/store';
import { searchWords } from '../../server/store/search-text';
import { cleanup, tempDir } from './engine-helpers';

const AT = '2026-12-05T02:37:00.123Z';
let store: Store;
let small = 0;
let large = 0;

beforeAll(async () => {
  store = await openStore({ dir: await tempDir(), fsync: false });
  await store.engine.write((tx) => {
    const seqs: number[] = [];
    for (let i = 0; i < 6000; i++) {
      const resource = {
        userName: `member${i}@x.io`,
        name: {
          givenName: i === 5500 ? 'Zebulon' : `Given${i}`,
          familyName: i === 5500 ? 'Quartermaine' : 'Many',
        },
        emails: [{ value: `mail${i}@alias.example` }],
      };
      seqs.push(store.users.insert(tx, `id-${i}`, { resource, ignored: [] }, AT).seq);
    }
    // a user in no group, who must never show up among members
    store.users.insert(
      tx,
      'outsider',
      {
        resource: { userName: 'zeb@out.io', name: { givenName: 'Zebulon', familyName: 'Quartermaine' } },
        ignored: [],
      },
      AT,
    );
    small = store.groups.insert(tx, 'g-small', { displayName: 'Small' }, AT).seq;
    large = store.groups.insert(tx, 'g-large', { displayName: 'Large' }, AT).seq;
    store.groups.addMembers(tx, small, [seqs[5500] as number, seqs[1] as number, seqs[2] as number], AT);
    store.groups.addMembers(tx, large, seqs, AT);
  });
});
afterAll(async () => {
  await store?.close();
  await cleanup();
});

function members(group: number, text: string, limit = 50): { total: number; names: string[] } {
  const { total, items } = store.engine.read((r) =>
    store.groups.listMembers(r, group, searchWords(text), 0, limit),
  );
  return { total, names: items.map((m) => m.userName) };
}

describe('member search, small and large groups', () => {
  it.each([
    ['zebulon quartermaine', ['member5500@x.io']],
    ['MAIL5500@alias', ['member5500@x.io']],
    ['id-5500', ['member5500@x.io']],
    ['nobody', []],
  ])('%j', (text, expected) => {
    expect(members(small, text)).toEqual({ total: expected.length, names: expected });
    expect(members(large, text)).toEqual({ total: expected.length, names: expected });
  });

  it('many matches in a large group: total, and pages in membership order', () => {
    const all = members(large, 'many', 10);
    expect(all.total).toBe(5999);
    expect(all.names).toEqual(Array.from({ length: 10 }, (_, i) => `member${i}@x.io`));
    expect(members(small, 'many').names).toEqual(['member1@x.io', 'member2@x.io']);
  });
});
