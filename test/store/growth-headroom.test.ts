/**
 * Growth room loaded with a snapshot (server/store/engine-recovery.ts readWithHeadroom): the
 * database reads and grows as before, rollbacks of growing writes leave it intact, and the
 * zeroed room never reaches a snapshot file.
 */
import { writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GROWTH_HEADROOM_FRACTION,
  GROWTH_HEADROOM_MIN,
  readWithHeadroom,
} from '../../server/store/engine-recovery';
import { cleanup, getV, keys, openKv, put, tempDir } from './engine-helpers';

afterEach(cleanup);

const pragma = (engine: Awaited<ReturnType<typeof openKv>>, name: string): number =>
  Number(engine.read((r) => r.get<Record<string, number>>(`PRAGMA ${name}`))?.[name]);

describe('growth headroom', () => {
  it('returns the file bytes followed by zeroed room: 8 MiB, or an eighth of a large file', async () => {
    const dir = await tempDir();
    const small = join(dir, 'small');
    writeFileSync(small, Buffer.from('abc'));
    const s = readWithHeadroom(small);
    // a Buffer, which sql.js keeps as the file's buffer (Buffer#slice is a view): no copy at load
    expect(Buffer.isBuffer(s)).toBe(true);
    expect(s.slice(0, 3).buffer).toBe(s.buffer);
    expect(s.length).toBe(3 + GROWTH_HEADROOM_MIN);
    expect(Buffer.from(s.subarray(0, 3)).toString()).toBe('abc');
    expect(s.subarray(3).every((b) => b === 0)).toBe(true);

    const large = join(dir, 'large');
    const size = 80 * 1024 * 1024;
    writeFileSync(large, Buffer.alloc(size, 7));
    const l = readWithHeadroom(large);
    expect(l.length).toBe(size + size * GROWTH_HEADROOM_FRACTION);
    expect(l[size - 1]).toBe(7);
    expect(l[size]).toBe(0);
  });

  it('loads, grows past the room, rolls back a growing write, and snapshots only real pages', async () => {
    const dir = await tempDir();
    const first = await openKv(dir);
    for (let i = 0; i < 50; i++) await put(first, `seed${i}`, 'x'.repeat(500));
    await first.snapshot();
    await first.close();

    // Opened from the snapshot: the database carries growth room after its last page.
    const engine = await openKv(dir);
    const pagesAtLoad = pragma(engine, 'page_count');
    expect(keys(engine)).toHaveLength(50);

    // A write that grows the database and then fails is rolled back whole.
    await expect(
      engine.write((tx) => {
        for (let i = 0; i < 2000; i++)
          tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', [`gone${i}`, 'y'.repeat(1000)]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(pragma(engine, 'page_count')).toBe(pagesAtLoad);
    expect(getV(engine, 'gone0')).toBeUndefined();

    // Grow well past the 8 MiB of room, in many writes.
    const big = 'z'.repeat(4000);
    for (let b = 0; b < 30; b++) {
      await engine.write((tx) => {
        for (let i = 0; i < 100; i++) tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', [`grow${b}-${i}`, big]);
      });
    }
    const pages = pragma(engine, 'page_count');
    const pageSize = pragma(engine, 'page_size');
    expect(pages * pageSize).toBeGreaterThan(GROWTH_HEADROOM_MIN + pagesAtLoad * pageSize);
    expect(engine.read((r) => r.get<{ integrity_check: string }>('PRAGMA integrity_check'))).toEqual({
      integrity_check: 'ok',
    });

    await engine.snapshot();
    const snapshotBytes = (await stat(join(dir, 'snapshot.db'))).size;
    await engine.close();
    // The snapshot holds the database's pages (plus the LSN row the worker adds), not the room.
    expect(snapshotBytes).toBeLessThanOrEqual((pages + 2) * pageSize);
    expect(snapshotBytes).toBeGreaterThanOrEqual(pages * pageSize);

    const reopened = await openKv(dir);
    expect(keys(reopened)).toHaveLength(50 + 3000);
    expect(getV(reopened, 'grow29-99')).toBe(big);
    expect(reopened.read((r) => r.get<{ integrity_check: string }>('PRAGMA integrity_check'))).toEqual({
      integrity_check: 'ok',
    });
  });
});
