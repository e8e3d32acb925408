/**
 * The engine's write/read contract (server/store/types.ts) on real files: transactions, the
 * journal they leave, group commit, lazy writes, migrations and UDFs.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine } from '../../server/store/engine';
import { cleanup, getV, keys, KV_MIGRATIONS, openKv, put, tempDir } from './engine-helpers';

afterEach(cleanup);

async function journalSize(dir: string): Promise<number> {
  let n = 0;
  for (const name of await readdir(dir)) if (name.endsWith('.log')) n += (await stat(join(dir, name))).size;
  return n;
}

describe('engine writes and reads', () => {
  it('round-trips a write, reporting changes and lastInsertRowid', async () => {
    const dir = await tempDir();
    const engine = await openEngine({
      dir,
      migrations: ['CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)'],
    });
    const res = await engine.write((tx) => tx.run('INSERT INTO t (name) VALUES (?)', ['ada']));
    expect(res).toEqual({ changes: 1, lastInsertRowid: 1 });
    const second = await engine.write((tx) => tx.run('INSERT INTO t (name) VALUES (?)', ['bob']));
    expect(second.lastInsertRowid).toBe(2);
    expect(engine.read((r) => r.all('SELECT id, name FROM t ORDER BY id'))).toEqual([
      { id: 1, name: 'ada' },
      { id: 2, name: 'bob' },
    ]);
    expect(engine.read((r) => r.get('SELECT name FROM t WHERE id = ?', [9]))).toBeUndefined();
    await engine.close();
  });

  it('rolls back a throwing transaction and journals nothing for it', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    await put(engine, 'a', '1');
    const before = { stats: engine.stats(), bytes: await journalSize(dir) };
    await expect(
      engine.write((tx) => {
        tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['b', '2']);
        tx.run('UPDATE kv SET v = ? WHERE k = ?', ['changed', 'a']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(keys(engine)).toEqual(['a']);
    expect(getV(engine, 'a')).toBe('1');
    await engine.flush();
    expect(engine.stats().lsn).toBe(before.stats.lsn);
    expect(await journalSize(dir)).toBe(before.bytes);
    await engine.close();
    const again = await openKv(dir);
    expect(keys(again)).toEqual(['a']);
  });

  it('keeps a statement that failed inside a transaction out of the record', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    await put(engine, 'a', '1');
    await engine.write((tx) => {
      expect(() => tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['a', 'dup'])).toThrow(/UNIQUE/);
      tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['b', '2']);
    });
    await engine.close();
    const again = await openKv(dir);
    expect(keys(again)).toEqual(['a', 'b']);
    expect(getV(again, 'a')).toBe('1');
  });

  it('refuses async callbacks and nested writes, rolling back', async () => {
    const engine = await openKv(await tempDir());
    await expect(
      engine.write(async (tx) => {
        tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['x', '1']);
      }),
    ).rejects.toThrow(/synchronous/);
    await expect(
      engine.write(() => {
        engine.writeLazy((tx) => tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['y', '1']));
      }),
    ).rejects.toThrow(/nested/);
    expect(keys(engine)).toEqual([]);
  });

  it('resolves a read-only transaction without a record', async () => {
    const engine = await openKv(await tempDir());
    const lsn = engine.stats().lsn;
    expect(await engine.write((tx) => tx.all('SELECT * FROM kv'))).toEqual([]);
    expect(engine.stats().lsn).toBe(lsn);
  });

  it('shares fsyncs between concurrent writes (group commit)', async () => {
    const engine = await openKv(await tempDir());
    const base = engine.stats();
    await Promise.all(Array.from({ length: 200 }, (_, i) => put(engine, `k${i}`, String(i))));
    const s = engine.stats();
    expect(s.records - base.records).toBe(200);
    expect(s.commits - base.commits).toBeLessThan(200);
    expect(s.commits - base.commits).toBeGreaterThanOrEqual(1);
    expect(keys(engine)).toHaveLength(200);
  });

  it('persists a lazy write with the next group commit', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    const result = engine.writeLazy((tx) => tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['lazy', '1']));
    expect(result.changes).toBe(1);
    expect(getV(engine, 'lazy')).toBe('1');
    await engine.flush();
    expect(engine.stats().records).toBeGreaterThanOrEqual(1);
    await engine.close();
    expect(getV(await openKv(dir), 'lazy')).toBe('1');
  });

  it('replays the journal at restart', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    for (let i = 0; i < 50; i++) await put(engine, `k${String(i).padStart(2, '0')}`, `v${i}`);
    await put(engine, 'k07', 'updated');
    await engine.write((tx) => tx.run('DELETE FROM kv WHERE k = ?', ['k08']));
    const lsn = engine.stats().lsn;
    await engine.close();
    const again = await openKv(dir);
    expect(again.stats().lsn).toBe(lsn);
    expect(keys(again)).toHaveLength(49);
    expect(getV(again, 'k07')).toBe('updated');
    expect(getV(again, 'k08')).toBeUndefined();
  });

  it('applies migrations once each, as journaled writes tracked by user_version', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    const version = () => engine.read((r) => r.get<{ user_version: number }>('PRAGMA user_version'));
    expect(version()?.user_version).toBe(2);
    expect(engine.stats().lsn).toBe(2);
    await engine.close();
    const more = [...KV_MIGRATIONS, 'ALTER TABLE kv ADD COLUMN note TEXT'];
    const again = await openEngine({ dir, migrations: more });
    expect(again.stats().lsn).toBe(3);
    await again.write((tx) => tx.run('INSERT INTO kv (k, v, note) VALUES (?, ?, ?)', ['a', '1', 'n']));
    await again.close();
    const third = await openEngine({ dir, migrations: more });
    expect(third.stats().lsn).toBe(4);
    expect(third.read((r) => r.get('SELECT note FROM kv WHERE k = ?', ['a']))).toEqual({ note: 'n' });
    await third.close();
    await expect(openEngine({ dir, migrations: KV_MIGRATIONS })).rejects.toThrow(/newer/);
  });

  it('registers read functions (UDFs) on the main database', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir, { functions: { shout: (v) => String(v).toUpperCase() } });
    await put(engine, 'a', 'quiet');
    expect(engine.read((r) => r.get('SELECT shout(v) AS s FROM kv'))).toEqual({ s: 'QUIET' });
  });

  it('serves many distinct SQL texts (bounded statement cache)', async () => {
    const engine = await openKv(await tempDir());
    await put(engine, 'a', '1');
    for (let i = 0; i < 600; i++) {
      expect(engine.read((r) => r.get<{ n: number }>(`SELECT ${i} AS n FROM kv WHERE k = ?`, ['a']))?.n).toBe(
        i,
      );
    }
  });

  it('rejects use after close', async () => {
    const engine = await openKv(await tempDir());
    await engine.close();
    await expect(put(engine, 'a', '1')).rejects.toThrow(/closed/);
    expect(() => engine.read((r) => r.all('SELECT 1'))).toThrow(/closed/);
  });

  it('refuses a second engine on the same directory while the first is open', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    await expect(openKv(dir)).rejects.toThrow(/already open/);
    await engine.close();
    const again = await openKv(dir);
    expect(again.stats().lsn).toBe(2);
  });
});
