/**
 * Background snapshots (worker thread): restart from snapshot + journal, journal truncation once
 * a snapshot covers it, automatic snapshots past snapshotJournalBytes, and a failing snapshot
 * that must lose nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, getV, keys, openKv, put, tempDir } from './engine-helpers';

afterEach(cleanup);

const segments = async (dir: string) =>
  (await readdir(dir)).filter((n) => /^journal-\d+\.log$/.test(n)).sort();

function waitFor(engine: { on: (e: 'snapshot' | 'error', l: (i: { message: string }) => void) => void }) {
  return (event: 'snapshot' | 'error') =>
    new Promise<string>((resolve) => engine.on(event, (info) => resolve(info.message)));
}

describe('engine snapshots', () => {
  it('restarts from snapshot plus the journal written after it, and drops covered segments', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    for (let i = 0; i < 40; i++) await put(engine, `a${i}`, String(i));
    const segsBefore = await segments(dir);
    await engine.snapshot();
    const atSnapshot = engine.stats();
    expect(atSnapshot.snapshots).toBe(1);
    expect(atSnapshot.snapshotLsn).toBe(atSnapshot.lsn);
    expect(atSnapshot.journalBytes).toBe(0);
    const segsAfter = await segments(dir);
    expect(segsAfter).toHaveLength(1);
    expect(segsBefore).not.toContain(segsAfter[0]);
    expect(segsAfter[0]).toBe(`journal-${String(atSnapshot.lsn + 1).padStart(12, '0')}.log`);
    expect((await readdir(dir)).sort()).toEqual([...segsAfter, 'snapshot.db'].sort());

    for (let i = 0; i < 10; i++) await put(engine, `b${i}`, String(i));
    await put(engine, 'a3', 'changed after snapshot');
    const lsn = engine.stats().lsn;
    await engine.close();

    const again = await openKv(dir);
    expect(again.stats()).toMatchObject({ lsn, snapshotLsn: atSnapshot.lsn });
    expect(keys(again)).toHaveLength(50);
    expect(getV(again, 'a3')).toBe('changed after snapshot');
    // the snapshot's LSN bookkeeping is invisible to the schema's own tables
    expect(again.read((r) => r.get<{ user_version: number }>('PRAGMA user_version'))?.user_version).toBe(2);
  });

  it('keeps the replica in step across several snapshots', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 30 }, (_, i) => put(engine, `r${round}-${i}`, 'x')));
      await engine.write((tx) => tx.run('DELETE FROM kv WHERE k = ?', [`r${round}-0`]));
      await engine.snapshot();
    }
    expect(engine.stats().snapshots).toBe(3);
    await engine.close();
    // only the snapshot (no journal records) is needed to rebuild everything
    const again = await openKv(dir);
    expect(again.stats().journalBytes).toBe(0);
    expect(keys(again)).toHaveLength(87);
  });

  it('snapshots on its own once the journal passes snapshotJournalBytes', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir, { snapshotJournalBytes: 4096 });
    const snapped = waitFor(engine)('snapshot');
    for (let i = 0; i < 60; i++) await put(engine, `k${i}`, 'v'.repeat(100));
    expect(await snapped).toMatch(/snapshot at LSN \d+/);
    await engine.flush();
    for (let i = 60; i < 80; i++) await put(engine, `k${i}`, 'v');
    await engine.close();
    const again = await openKv(dir);
    expect(again.stats().snapshotLsn).toBeGreaterThan(0);
    expect(keys(again)).toHaveLength(80);
  });

  it('without a fixed threshold, waits for the journal to reach an eighth of the database (at least its floor)', async () => {
    const dir = await tempDir();
    expect((await openKv(await tempDir())).stats().snapshotThresholdBytes).toBe(16 << 20);
    // a lower floor, so that a database of a few dozen MB shows the adaptive part
    const engine = await openKv(dir, { snapshotJournalMinBytes: 4 << 20 });
    expect(engine.stats().snapshotThresholdBytes).toBe(4 << 20);
    // ~48 MB of rows from short statements: the journal stays small, the database does not
    for (let i = 0; i < 6; i++) {
      await engine.write((tx) =>
        tx.run('INSERT INTO kv (k, v) VALUES (?, hex(zeroblob(?)))', [`big${i}`, 4 << 20]),
      );
    }
    expect(engine.stats().journalBytes).toBeLessThan(4096);
    await engine.snapshot();
    const size = (await stat(join(dir, 'snapshot.db'))).size;
    expect(size).toBeGreaterThan(48e6);
    expect(engine.stats().snapshotThresholdBytes).toBe(Math.floor(size / 8));
    await engine.close();
    // a restart takes the threshold from the database it loaded
    const again = await openKv(dir, { snapshotJournalMinBytes: 4 << 20 });
    expect(again.stats().snapshotThresholdBytes).toBeGreaterThanOrEqual(Math.floor(size / 8));
    const fixed = await openKv(await tempDir(), { snapshotJournalBytes: 4096 });
    expect(fixed.stats().snapshotThresholdBytes).toBe(4096);
  });

  it('reports a failed snapshot, keeps the journal, and goes on writing', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    for (let i = 0; i < 20; i++) await put(engine, `k${i}`, String(i));
    // The worker writes snapshot.tmp before renaming it: a directory in its place makes that fail
    // (also as root, unlike a read-only permission).
    await mkdir(join(dir, 'snapshot.tmp'));
    const failed = waitFor(engine)('error');
    await expect(engine.snapshot()).rejects.toThrow(/snapshot failed/);
    expect(await failed).toMatch(/snapshot failed \(journal kept\)/);
    expect(engine.stats()).toMatchObject({ snapshots: 0, snapshotLsn: 0, health: 'ok' });
    expect(engine.stats().lastError).toMatch(/snapshot/);

    await put(engine, 'after', 'failure');
    const lsn = engine.stats().lsn;
    await engine.close();
    const again = await openKv(dir);
    expect(again.stats().lsn).toBe(lsn);
    expect(keys(again)).toHaveLength(21);

    // once the fault is gone, snapshots work again
    await rm(join(dir, 'snapshot.tmp'), { recursive: true });
    await again.snapshot();
    expect(again.stats().snapshotLsn).toBe(lsn);
    await again.close();
    expect(keys(await openKv(dir))).toHaveLength(21);
  });

  it('resolves a snapshot request with nothing new to cover', async () => {
    const engine = await openKv(await tempDir());
    await put(engine, 'a', '1');
    await engine.snapshot();
    await engine.snapshot();
    expect(engine.stats().snapshots).toBe(1);
  });

  it('writes a snapshot larger than one flush slice (8 MiB) whole, byte for byte', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    // ~12 MiB of rows: the worker writes and flushes it in two slices and a tail
    const big = (i: number) => `${i}:`.padEnd(96 * 1024, String.fromCharCode(97 + (i % 26)));
    for (let i = 0; i < 128; i++) await put(engine, `big${String(i).padStart(3, '0')}`, big(i));
    await engine.snapshot();
    const size = (await stat(join(dir, 'snapshot.db'))).size;
    expect(size).toBeGreaterThan(2 * (8 << 20));
    const header = Buffer.alloc(16);
    const fd = await open(join(dir, 'snapshot.db'));
    await fd.read(header, 0, 16, 0);
    await fd.close();
    expect(header.toString('latin1')).toBe('SQLite format 3\u0000');
    await engine.close();
    const again = await openKv(dir);
    expect(again.stats().journalBytes).toBe(0);
    expect(keys(again)).toHaveLength(128);
    for (const i of [0, 63, 85, 127]) expect(getV(again, `big${String(i).padStart(3, '0')}`)).toBe(big(i));
  });

  it('lets go of the start-up file and each export once written: the worker keeps one copy of the database', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    const big = (i: number) => `${i}:`.padEnd(96 * 1024, 'x');
    for (let i = 0; i < 64; i++) await put(engine, `big${i}`, big(i));
    await engine.snapshot(); // the worker loads the database from disk (if not running yet) and exports it
    await put(engine, 'more', '1');
    await engine.snapshot(); // a second export
    const db = (await stat(join(dir, 'snapshot.db'))).size;
    expect(db).toBeGreaterThan(6 << 20);
    // V8 frees collected ArrayBuffers on a background thread: poll, bounded. Without the
    // worker's explicit collection the file read at start-up and both exports (3-4 copies of
    // the database) stay, because an idle worker allocates too little to trigger a major GC.
    let held = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 50; k++) {
      held = (await engine.snapshotWorkerMemory()) ?? Number.POSITIVE_INFINITY;
      if (held < 1.6 * db) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(held).toBeGreaterThanOrEqual(db); // the replica itself
    expect(held).toBeLessThan(1.6 * db);
    await engine.close();
  });

  // Linux gives each thread its own nice value; the worker lowers its own so that requests win
  // the CPU while a snapshot is written (other platforms keep the process's priority).
  it.runIf(existsSync('/proc/thread-self'))(
    'runs the snapshot worker thread at nice 19, the rest of the process untouched',
    async () => {
      const niceOf = async (statPath: string) => {
        const text = await readFile(statPath, 'utf8');
        // fields after the parenthesised command name; nice is field 19 of the whole line
        return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[16]);
      };
      const threads = async () =>
        Promise.all((await readdir('/proc/self/task')).map((t) => niceOf(`/proc/self/task/${t}/stat`)));
      const before = await threads();
      expect(before).not.toContain(19);
      const engine = await openKv(await tempDir());
      await put(engine, 'a', '1');
      await engine.snapshot();
      const during = await threads();
      expect(during.filter((n) => n === 19)).toHaveLength(1);
      expect(await niceOf('/proc/self/stat')).toBe(before[0]);
      await engine.close();
    },
  );

  // electron-vite emits the worker as out/main/snapshot-worker.js (`npm test` builds first); the
  // Electron main passes it as workerUrl or the engine finds it next to the bundle.
  const bundled = new URL('../../out/main/snapshot-worker.js', import.meta.url);
  it.skipIf(!existsSync(bundled))('works with the bundled worker (out/main/snapshot-worker.js)', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir, { workerUrl: bundled });
    await put(engine, 'a', '1');
    await engine.snapshot();
    expect(engine.stats().snapshots).toBe(1);
    await engine.close();
    expect(keys(await openKv(dir))).toEqual(['a']);
  });
});
