/**
 * Migration 2 (console search, issue 17): a database written by the previous schema gets its
 * `search_ci` values on open, through the journal, so a restart (journal replay) and a
 * snapshot keep them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine } from '../../server/store/engine';
import { openStore, type Store } from '../../server/store';
import { MIGRATIONS } from '../../server/store/schema';
import { searchCondition, searchWords } from '../../server/store/search-text';
import { cleanup, tempDir } from './engine-helpers';

const AT = '2026-12-05T02:37:00.123Z';

/** A data directory as the schema before migration 2 left it: two users and a group. */
async function oldDatabase(): Promise<string> {
  const dir = await tempDir();
  const engine = await openEngine({ dir, migrations: MIGRATIONS.slice(0, 1) });
  await engine.write((tx) => {
    const insert = (id: string, resource: Record<string, unknown>) =>
      tx.run(
        `INSERT INTO users (id, user_name, user_name_ci, resource, created, modified) VALUES (?, ?, ?, ?, ?, ?)`,
        [
          id,
          resource['userName'] as string,
          (resource['userName'] as string).toLowerCase(),
          JSON.stringify(resource),
          AT,
          AT,
        ],
      );
    insert('u-1', {
      userName: 'abc@x.io',
      name: { givenName: 'Zebulon', familyName: 'Quartermaine' },
      emails: [{ value: 'mail.abc@x.io', primary: true }],
      externalId: '00uEXT123',
    });
    insert('u-2', { userName: 'ä@x.io', name: { givenName: 'Änne', familyName: 'Weiß' } });
    tx.run(
      `INSERT INTO groups (id, display_name, display_name_ci, external_id, resource, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        'g-1',
        'Ärzte',
        'ärzte',
        '00gOLD',
        JSON.stringify({ displayName: 'Ärzte', externalId: '00gOLD' }),
        AT,
        AT,
      ],
    );
  });
  await engine.close();
  return dir;
}

function findUsers(store: Store, text: string): string[] {
  const where = searchCondition('users', 'u', searchWords(text));
  return store.engine
    .read((r) => store.users.list(r, { ...(where ? { where } : {}), startIndex: 1, count: 10 }))
    .rows.map((u) => u.id);
}

function findGroups(store: Store, text: string): string[] {
  const where = searchCondition('groups', 'g', searchWords(text));
  return store.engine
    .read((r) => store.groups.list(r, { ...(where ? { where } : {}), startIndex: 1, count: 10 }))
    .rows.map((g) => g.id);
}

function expectSearchable(store: Store): void {
  expect(findUsers(store, 'zebulon quartermaine')).toEqual(['u-1']);
  expect(findUsers(store, 'MAIL.ABC')).toEqual(['u-1']);
  expect(findUsers(store, '00uext')).toEqual(['u-1']);
  expect(findUsers(store, 'ÄNNE WEIẞ')).toEqual(['u-2']);
  expect(findUsers(store, 'u-2')).toEqual(['u-2']);
  expect(findGroups(store, 'ÄRZTE')).toEqual(['g-1']);
  expect(findGroups(store, '00gold')).toEqual(['g-1']);
  expect(findUsers(store, 'nobody')).toEqual([]);
}

let stores: Store[] = [];
afterEach(async () => {
  for (const s of stores) await s.close();
  stores = [];
  await cleanup();
});

async function open(dir: string): Promise<Store> {
  const store = await openStore({ dir, fsync: false });
  stores.push(store);
  return store;
}

describe('search migration', () => {
  it('fills search_ci of rows stored before it, and keeps them through replay and snapshot', async () => {
    const dir = await oldDatabase();
    let store = await open(dir);
    const version = store.engine.read((r) => r.get<{ user_version: number }>('PRAGMA user_version'));
    expect(version?.user_version).toBe(MIGRATIONS.length);
    expectSearchable(store);
    // the words are matched on the covering index, never by reading every stored resource
    const where = searchCondition('users', 'u', searchWords('zebulon mail'));
    for (const sql of [
      'SELECT count(*) FROM users u WHERE u.deleted = 0 AND',
      'SELECT u.resource FROM users u WHERE u.deleted = 0 AND',
    ]) {
      const plan = store.engine.read((r) =>
        r.all<{ detail: string }>(
          `EXPLAIN QUERY PLAN ${sql} (${where?.sql}) ORDER BY u.seq LIMIT 50`,
          where?.params,
        ),
      );
      const steps = plan.map((p) => p.detail).join('\n');
      expect(steps).toMatch(/SCAN s USING COVERING INDEX users_search/);
      expect(steps).not.toMatch(/SCAN u\b/);
    }

    // restart: the backfill is replayed from the journal
    await store.close();
    stores = [];
    store = await open(dir);
    expectSearchable(store);

    // snapshot, then restart from it
    await store.engine.snapshot();
    await store.close();
    stores = [];
    store = await open(dir);
    expectSearchable(store);
  });
});
