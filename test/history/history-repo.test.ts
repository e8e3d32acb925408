/**
 * The history repository on the real store (sql.js in a temp dir, journal and snapshot on
 * disk): keyset paging newest first, retention dropping the oldest first with the truncated
 * flag, and versions surviving a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewVersion } from '../../server/domain/history';
import { openStore, type Store } from '../../server/store';
import { openEngine } from '../../server/store/engine';
import { MIGRATIONS } from '../../server/store/schema';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function open(dir?: string): Promise<{ store: Store; dir: string }> {
  const d = dir ?? (await mkdtemp(join(tmpdir(), 'scimdesk-history-')));
  if (!dir) dirs.push(d);
  const store = await openStore({ dir: d });
  stores.push(store);
  return { store, dir: d };
}

function version(resourceId: string, n: number, pad = 0): NewVersion {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    resourceType: 'User',
    resourceId,
    resourceName: `${resourceId}@example.com`,
    requestId: `r${n}`,
    tokenName: 'okta',
    action: 'profile-push',
    kind: 'patch',
    diff: [{ path: 'title', old: `t${n - 1}`, new: `t${n}${'x'.repeat(pad)}` }],
    membersAdded: [],
    membersRemoved: [],
    membersAddedCount: 0,
    membersRemovedCount: 0,
  };
}

const BIG = 1 << 30;

describe('history repository', () => {
  it('pages a resource newest first by keyset, and only that resource', async () => {
    const { store } = await open();
    await store.engine.write((tx) => {
      for (let n = 1; n <= 25; n++) {
        store.history.append(tx, version('u1', n), BIG);
        store.history.append(tx, version('u2', n), BIG);
      }
    });
    const first = store.engine.read((r) => store.history.page(r, { resourceId: 'u1', limit: 10 }));
    expect(first.versions.map((v) => v.diff[0]?.new)).toEqual(
      Array.from({ length: 10 }, (_, i) => `t${25 - i}`),
    );
    expect(first.versions.every((v) => v.resourceId === 'u1')).toBe(true);
    const seen = [...first.versions];
    let before = first.nextBeforeSeq;
    while (before !== null) {
      const page = store.engine.read((r) =>
        store.history.page(r, { resourceId: 'u1', beforeSeq: before ?? 0, limit: 10 }),
      );
      seen.push(...page.versions);
      before = page.nextBeforeSeq;
    }
    expect(seen).toHaveLength(25);
    expect(first.truncated).toBe(false);
  });

  it('drops the oldest versions first when over the cap and flags those resources truncated', async () => {
    const { store } = await open();
    const cap = 40_000;
    await store.engine.write((tx) => {
      store.history.append(tx, version('old', 0, 1000), cap);
      for (let n = 1; n <= 60; n++) store.history.append(tx, version('u1', n, 1000), cap);
    });
    const stats = store.engine.read((r) => store.history.stats(r));
    expect(stats.bytes).toBeLessThanOrEqual(cap);
    const page = store.engine.read((r) => store.history.page(r, { resourceId: 'u1', limit: 1000 }));
    const kept = page.versions.map((v) => Number(v.requestId?.slice(1)));
    // Newest kept, contiguous down to the oldest survivor: nothing newer was dropped before it.
    expect(kept[0]).toBe(60);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 60 - i));
    expect(kept.length).toBeLessThan(60);
    expect(page.truncated).toBe(true);
    expect(store.engine.read((r) => store.history.page(r, { resourceId: 'old' })).versions).toEqual([]);
    expect(stats.versions).toBe(kept.length);
  });

  it('keeps the cap total right through a rolled-back write and a restart', async () => {
    const { store, dir } = await open();
    const total = () => store.engine.read((r) => store.history.stats(r));
    await store.engine.write((tx) => {
      for (let n = 1; n <= 5; n++) store.history.append(tx, version('u1', n, 100), BIG);
    });
    const five = total();
    expect(five.versions).toBe(5);
    await expect(
      store.engine.write((tx) => {
        store.history.append(tx, version('u1', 6, 5000), BIG);
        throw new Error('the write fails after its version was added');
      }),
    ).rejects.toThrow(/fails/);
    // the rolled-back version is not counted once the next version is added
    await store.engine.write((tx) => store.history.append(tx, version('u1', 7, 100), BIG));
    const six = total();
    expect(six.versions).toBe(6);
    const summed = store.engine.read((r) =>
      r.get<{ b: number }>(
        'SELECT sum(length(CAST(v AS BLOB)) + length(CAST(resource_id AS BLOB)) + 16) AS b FROM history',
      ),
    );
    expect(six.bytes).toBe(summed?.b);
    await store.close();
    const again = (await open(dir)).store;
    expect(again.engine.read((r) => again.history.stats(r))).toEqual(six);
  });

  it('migration 6 turns the one-column-per-field rows into compact ones: same versions, same seqs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scimdesk-history-'));
    dirs.push(dir);
    // the schema as migration 5 left it, with versions written the way that schema stored them
    const old = await openEngine({ dir, migrations: MIGRATIONS.slice(0, 5) });
    await old.write((tx) => {
      const insert = (values: (string | number | null)[]) =>
        tx.run('INSERT INTO history VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)', values);
      insert([
        '2026-01-01T00:00:01.000Z',
        'User',
        'u1',
        'u1@example.com',
        'r1',
        'okta',
        'profile-push',
        'patch',
        JSON.stringify([{ path: 'title', old: 'a', new: 'b' }]),
        null,
        null,
        0,
        0,
        null,
        200,
      ]);
      insert([
        '2026-01-01T00:00:02.000Z',
        'Group',
        'g1',
        'Finance',
        'r2',
        'okta',
        'members-add',
        'members',
        '[]',
        JSON.stringify([{ id: 'x', display: 'gone@example.com', reason: 'not provisioned' }]),
        null,
        3,
        0,
        'slow-429',
        300,
      ]);
      insert([
        '2026-01-01T00:00:03.000Z',
        'User',
        'u1',
        'u1@example.com',
        null,
        null,
        null,
        'deactivate',
        JSON.stringify([{ path: 'active', old: true, new: false }]),
        null,
        null,
        0,
        0,
        null,
        200,
      ]);
    });
    await old.close();

    const { store } = await open(dir);
    const sql = store.engine.read((r) =>
      r.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'history'"),
    );
    expect(sql?.sql).not.toMatch(/AUTOINCREMENT/i);
    const u1 = store.engine.read((r) => store.history.page(r, { resourceId: 'u1' }));
    expect(u1.versions.map((v) => [v.seq, v.kind, v.diff])).toEqual([
      [3, 'deactivate', [{ path: 'active', old: true, new: false }]],
      [1, 'patch', [{ path: 'title', old: 'a', new: 'b' }]],
    ]);
    expect(u1.versions[0]).toMatchObject({
      time: '2026-01-01T00:00:03.000Z',
      resourceType: 'User',
      resourceName: 'u1@example.com',
      requestId: null,
      action: null,
      membersAdded: [],
      membersAddedCount: 0,
    });
    const g1 = store.engine.read((r) => store.history.page(r, { resourceId: 'g1' })).versions[0];
    expect(g1).toMatchObject({
      seq: 2,
      resourceType: 'Group',
      resourceName: 'Finance',
      tokenName: 'okta',
      action: 'members-add',
      membersAdded: [{ id: 'x', display: 'gone@example.com', reason: 'not provisioned' }],
      membersAddedCount: 3,
      fault: 'slow-429',
    });
    // new versions continue after the largest seq, in the compact form
    const seq = await store.engine.write((tx) => store.history.append(tx, version('u1', 4), BIG));
    expect(seq).toBe(4);
    const row = store.engine.read((r) => r.get<{ v: string }>('SELECT v FROM history WHERE seq = 4'));
    expect(JSON.parse(row?.v ?? 'null')).toEqual([
      '2026-01-01T00:00:04.000Z',
      'User',
      'u1@example.com',
      'r4',
      'okta',
      'profile-push',
      'patch',
      [['title', 't3', 't4']],
    ]);
    expect(store.engine.read((r) => store.history.page(r, { resourceId: 'u1' })).versions[0]?.diff).toEqual([
      { path: 'title', old: 't3', new: 't4' },
    ]);
  });

  it('survives a restart (journal replay) and a snapshot', async () => {
    const { store, dir } = await open();
    await store.engine.write((tx) => store.history.append(tx, version('u1', 1), BIG));
    await store.close();
    const again = (await open(dir)).store;
    expect(again.engine.read((r) => store.history.page(r, { resourceId: 'u1' })).versions).toHaveLength(1);
    await again.engine.write((tx) => again.history.append(tx, version('u1', 2), BIG));
    await again.engine.snapshot();
    await again.close();
    const third = (await open(dir)).store;
    const page = third.engine.read((r) => third.history.page(r, { resourceId: 'u1' }));
    expect(page.versions.map((v) => v.requestId)).toEqual(['r2', 'r1']);
  });
});
