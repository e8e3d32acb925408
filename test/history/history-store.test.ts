/**
 * The history store on the real store (sql.js in a temp dir, journal, snapshot and history
 * files on disk): keyset paging newest first, retention dropping the oldest first with the
 * truncated flag, versions surviving a restart, a snapshot, a failed append and a crash at any
 * point between the journal and the history files, and the move out of the database.
 */
import { readFile, readdir, stat, truncate, writeFile, appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewVersion } from '../../server/domain/history';
import { openStore, type Store, type StoreOptions } from '../../server/store';
import { nodeIo } from '../../server/store/engine-io';
import { openEngine } from '../../server/store/engine';
import { MIGRATIONS } from '../../server/store/schema';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function open(
  dir?: string,
  options: Partial<StoreOptions> = {},
): Promise<{ store: Store; dir: string }> {
  const d = dir ?? (await mkdtemp(join(tmpdir(), 'scimdesk-history-')));
  if (!dir) dirs.push(d);
  const store = await openStore({ ...options, dir: d });
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

const page = (store: Store, resourceId: string, limit = 1000) =>
  store.engine.read((r) => store.history.page(r, { resourceId, limit }));
const requestIds = (store: Store, resourceId: string) =>
  page(store, resourceId).versions.map((v) => v.requestId);

async function historyFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /^history-\d+\.log$/.test(f)).sort();
}

/** The history files' size, once the store has written what waits in memory (a snapshot makes it). */
async function historyBytes(dir: string, store?: Store): Promise<number> {
  await store?.engine.snapshot();
  let n = 0;
  for (const f of await historyFiles(dir)) n += (await stat(join(dir, f))).size;
  return n;
}

/** The history file lines, parsed. */
async function lines(dir: string): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (const f of await historyFiles(dir)) {
    const text = await readFile(join(dir, f), 'utf8');
    for (const line of text.split('\n').filter(Boolean)) out.push(JSON.parse(line) as unknown[]);
  }
  return out;
}

describe('history store', () => {
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
      const next = store.engine.read((r) =>
        store.history.page(r, { resourceId: 'u1', beforeSeq: before ?? 0, limit: 10 }),
      );
      seen.push(...next.versions);
      before = next.nextBeforeSeq;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((v) => v.seq)).size).toBe(25);
    expect(first.truncated).toBe(false);
    expect(page(store, 'nobody').versions).toEqual([]);
  });

  it('keeps versions out of the database: a side entry of the write, then a line in a history file', async () => {
    const { store, dir } = await open();
    await store.engine.write((tx) => store.history.append(tx, version('u1', 1), BIG));
    const tables = store.engine.read((r) =>
      r.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'history%'"),
    );
    expect(tables).toEqual([]);
    const journal = (await readdir(dir)).filter((f) => f.startsWith('journal-'));
    const records = (await Promise.all(journal.map((f) => readFile(join(dir, f), 'utf8')))).join('');
    expect(records).toContain('"x":[[1,"u1","2026-01-01T00:00:01.000Z"');
    // the line is written in batches, and at the latest before a snapshot lets the journal go
    await store.engine.snapshot();
    const [line] = await lines(dir);
    expect(line?.slice(1, 4)).toEqual([1, 'u1', '2026-01-01T00:00:01.000Z']);
    expect(typeof line?.[0]).toBe('number');
  });

  it('drops the oldest versions first when over the cap and flags those resources truncated', async () => {
    const { store, dir } = await open();
    const cap = 40_000;
    await store.engine.write((tx) => {
      store.history.append(tx, version('old', 0, 1000), cap);
      for (let n = 1; n <= 60; n++) store.history.append(tx, version('u1', n, 1000), cap);
    });
    const stats = store.history.stats();
    expect(stats.bytes).toBeLessThanOrEqual(cap);
    expect(stats.bytes).toBe(await historyBytes(dir, store));
    const kept = page(store, 'u1').versions.map((v) => Number(v.requestId?.slice(1)));
    // Newest kept, contiguous down to the oldest survivor: nothing newer was dropped before it.
    expect(kept[0]).toBe(60);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 60 - i));
    expect(kept.length).toBeLessThan(60);
    expect(kept.length).toBeGreaterThan(20);
    expect(page(store, 'u1').truncated).toBe(true);
    expect(page(store, 'old').versions).toEqual([]);
    expect(page(store, 'old').truncated).toBe(true);
    expect(stats.versions).toBe(kept.length);
    // one write per version from here on: the cap holds at every step
    for (let n = 61; n <= 90; n++) {
      await store.engine.write((tx) => store.history.append(tx, version('u1', n, 1000), cap));
      expect(store.history.stats().bytes).toBeLessThanOrEqual(cap);
    }
    expect(page(store, 'u1').versions[0]?.requestId).toBe('r90');
    // the marks and the survivors outlive a restart
    const survivors = requestIds(store, 'u1');
    await store.close();
    const again = (await open(dir)).store;
    expect(page(again, 'old').truncated).toBe(true);
    expect(requestIds(again, 'u1')).toEqual(survivors);
  });

  it("forgets a rolled-back write's versions and keeps the total right through a restart", async () => {
    const { store, dir } = await open();
    await store.engine.write((tx) => {
      for (let n = 1; n <= 5; n++) store.history.append(tx, version('u1', n, 100), BIG);
    });
    expect(store.history.stats().versions).toBe(5);
    await expect(
      store.engine.write((tx) => {
        store.history.append(tx, version('u1', 6, 5000), BIG);
        throw new Error('the write fails after its version was added');
      }),
    ).rejects.toThrow(/fails/);
    expect(store.history.stats().versions).toBe(5);
    const seq = await store.engine.write((tx) => store.history.append(tx, version('u1', 7, 100), BIG));
    expect(seq).toBe(6);
    const six = store.history.stats();
    expect(six.versions).toBe(6);
    expect(six.bytes).toBe(await historyBytes(dir, store));
    expect(requestIds(store, 'u1')).toEqual(['r7', 'r5', 'r4', 'r3', 'r2', 'r1']);
    await store.close();
    const again = (await open(dir)).store;
    expect(again.history.stats()).toEqual(six);
    expect(requestIds(again, 'u1')).toEqual(['r7', 'r5', 'r4', 'r3', 'r2', 'r1']);
  });

  it('forgets the versions of writes the journal could not keep (fsync failed), and goes on after', async () => {
    let failing = false;
    const { store, dir } = await open(undefined, {
      io: {
        fsync: async (fd) => {
          if (failing) throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' });
          return nodeIo.fsync(fd);
        },
      },
    });
    await store.engine.write((tx) => store.history.append(tx, version('u1', 1), BIG));
    failing = true;
    await expect(store.engine.write((tx) => store.history.append(tx, version('u1', 2), BIG))).rejects.toThrow(
      /EIO/,
    );
    expect(requestIds(store, 'u1')).toEqual(['r1']);
    failing = false;
    const seq = await store.engine.write((tx) => store.history.append(tx, version('u1', 3), BIG));
    expect(seq).toBe(2);
    expect(requestIds(store, 'u1')).toEqual(['r3', 'r1']);
    expect(store.history.stats().bytes).toBe(await historyBytes(dir, store));
    await store.close();
    const again = (await open(dir)).store;
    expect(requestIds(again, 'u1')).toEqual(['r3', 'r1']);
  });

  it('reads versions back whether they wait in memory or sit in a file (multi-byte text, past the 1 MiB batch)', async () => {
    const { store, dir } = await open();
    const wide = (n: number): NewVersion => ({
      ...version(`u${n % 7}`, n),
      diff: [{ path: 'title', old: null, new: `é€😀${'ü'.repeat(400)}${n}` }],
    });
    // 60 writes of 50 versions of about 1.3 KB each: the lines go to the file in batches
    for (let w = 0; w < 60; w++) {
      await store.engine.write((tx) => {
        for (let k = 0; k < 50; k++) store.history.append(tx, wide(w * 50 + k + 1), BIG);
      });
    }
    expect((await historyFiles(dir)).length).toBeGreaterThan(0);
    const check = (s: Store) => {
      const got = s.engine.read((r) => s.history.page(r, { resourceId: 'u3', limit: 1000 })).versions;
      expect(got).toHaveLength(
        Array.from({ length: 3000 }, (_, i) => i + 1).filter((n) => n % 7 === 3).length,
      );
      for (const v of got) expect(v.diff[0]?.new).toBe(`é€😀${'ü'.repeat(400)}${v.requestId?.slice(1)}`);
    };
    check(store);
    const bytes = store.history.stats().bytes;
    expect(bytes).toBe(await historyBytes(dir, store));
    await store.close();
    const again = (await open(dir)).store;
    check(again);
    expect(again.history.stats().bytes).toBe(bytes);
  });

  it('does not count side entries towards the snapshot threshold', async () => {
    const { store } = await open(undefined, { snapshotJournalBytes: 16_384 });
    for (let n = 1; n <= 60; n++) {
      await store.engine.write((tx) => store.history.append(tx, version('u1', n, 1000), BIG));
    }
    const stats = store.engine.stats();
    // 60 records of about 1.1 KB each, nearly all of it the version
    expect(stats.journalBytes).toBeGreaterThan(60_000);
    expect(stats.snapshots).toBe(0);
    // statements still count: the same bytes as SQL make the engine snapshot
    await store.engine.write((tx) => {
      for (let n = 0; n < 20; n++) tx.run('PRAGMA user_version = 7', []);
      tx.run('SELECT ?', ['y'.repeat(20_000)]);
    });
    await store.engine.flush();
    for (let i = 0; i < 50 && store.engine.stats().snapshots === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(store.engine.stats().snapshots).toBe(1);
  });

  it('survives a restart (journal replay) and a snapshot that deletes the journal', async () => {
    const { store, dir } = await open();
    await store.engine.write((tx) => store.history.append(tx, version('u1', 1), BIG));
    await store.close();
    const again = (await open(dir)).store;
    expect(requestIds(again, 'u1')).toEqual(['r1']);
    await again.engine.write((tx) => again.history.append(tx, version('u1', 2), BIG));
    await again.engine.snapshot();
    await again.close();
    const third = (await open(dir)).store;
    expect(requestIds(third, 'u1')).toEqual(['r2', 'r1']);
    await third.engine.write((tx) => third.history.append(tx, version('u1', 3), BIG));
    expect(requestIds(third, 'u1')).toEqual(['r3', 'r2', 'r1']);
  });

  it('puts back versions the history files lost (crash before their lines were written)', async () => {
    const { store, dir } = await open();
    await store.engine.write((tx) => store.history.append(tx, version('u1', 1), BIG));
    await store.engine.write((tx) => store.history.append(tx, version('u1', 2), BIG));
    await store.close();
    const [file] = await historyFiles(dir);
    const text = await readFile(join(dir, file as string), 'utf8');
    // the second line gone, and half of it left torn
    const firstLine = text.slice(0, text.indexOf('\n') + 1);
    await writeFile(
      join(dir, file as string),
      firstLine + text.slice(firstLine.length, firstLine.length + 20),
    );
    const again = (await open(dir)).store;
    expect(requestIds(again, 'u1')).toEqual(['r2', 'r1']);
    expect((await lines(dir)).map((l) => l[1])).toEqual([1, 2]);
  });

  it('drops versions whose write the journal no longer holds', async () => {
    const { store, dir } = await open();
    await store.engine.write((tx) => store.history.append(tx, version('u1', 1), BIG));
    await store.engine.write((tx) => store.history.append(tx, version('u1', 2), BIG));
    await store.close();
    // cut the journal's last record off (as if it had been damaged on disk)
    const segs = (await readdir(dir)).filter((f) => f.startsWith('journal-')).sort();
    const last = join(dir, segs[segs.length - 1] as string);
    const bytes = await readFile(last);
    let at = 0;
    let lastStart = 0;
    while (at < bytes.length) {
      lastStart = at;
      at += 8 + bytes.readUInt32LE(at);
    }
    await truncate(last, lastStart);
    const again = (await open(dir)).store;
    expect(requestIds(again, 'u1')).toEqual(['r1']);
    expect((await lines(dir)).map((l) => l[1])).toEqual([1]);
    // the seq is given again, to the next version
    const seq = await again.engine.write((tx) => again.history.append(tx, version('u1', 3), BIG));
    expect(seq).toBe(2);
  });

  it('ignores garbage after the last line and refuses a side entry without a side log', async () => {
    const { store, dir } = await open();
    await store.engine.write((tx) => store.history.append(tx, version('u1', 1), BIG));
    await store.close();
    const [file] = await historyFiles(dir);
    await appendFile(join(dir, file as string), '[99,7,"u1","2026');
    const again = (await open(dir)).store;
    expect(requestIds(again, 'u1')).toEqual(['r1']);
    // the repair is reported like the journal's
    const recovered: string[] = [];
    again.engine.on('recovered', (e) => recovered.push(e.message));
    await new Promise((r) => setTimeout(r, 0));
    expect(recovered.some((m) => m.includes(file as string) && /torn line/.test(m))).toBe(true);
    expect((await readFile(join(dir, file as string), 'utf8')).endsWith(']\n')).toBe(true);

    const plainDir = await mkdtemp(join(tmpdir(), 'scimdesk-history-'));
    dirs.push(plainDir);
    const plain = await openEngine({ dir: plainDir, migrations: [] });
    await expect(plain.write((tx) => tx.side('[1]'))).rejects.toThrow(/no side log/);
    await plain.close();
  });

  it('migrations 6 and 7 move the one-column-per-field rows into the files: same versions, same seqs', async () => {
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
      tx.run("INSERT INTO history_truncated (resource_id, at) VALUES ('g1', '2026-01-01T00:00:00.000Z')");
    });
    await old.close();

    const { store } = await open(dir);
    const tables = store.engine.read((r) =>
      r.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'history%'"),
    );
    expect(tables).toEqual([]);
    const u1 = page(store, 'u1');
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
    const g1 = page(store, 'g1');
    expect(g1.truncated).toBe(true);
    expect(g1.versions[0]).toMatchObject({
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
    await store.engine.snapshot();
    const line = (await lines(dir)).find((l) => l[1] === 4);
    expect(line?.slice(1)).toEqual([
      4,
      'u1',
      '2026-01-01T00:00:04.000Z',
      'User',
      'u1@example.com',
      'r4',
      'okta',
      'profile-push',
      'patch',
      [['title', 't3', 't4']],
    ]);
    expect(page(store, 'u1').versions[0]?.diff).toEqual([{ path: 'title', old: 't3', new: 't4' }]);
    // and all of it after a restart
    await store.close();
    const again = (await open(dir)).store;
    expect(page(again, 'u1').versions.map((v) => v.seq)).toEqual([4, 3, 1]);
    expect(page(again, 'g1').truncated).toBe(true);
  });
});
