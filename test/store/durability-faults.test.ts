/**
 * A journal that cannot be written (ENOSPC on write, EIO on fsync), simulated through
 * EngineOptions.io: writes not on disk are rejected with StoreUnavailableError and never
 * acknowledged, memory goes back to the durable state, and once the fault clears writes succeed
 * again; the rejected writes never come back after a restart.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeIo } from '../../server/store/engine-io';
import type { EngineIo } from '../../server/store/engine-io';
import { StoreUnavailableError } from '../../server/store/types';
import type { Engine } from '../../server/store/types';
import { cleanup, getV, keys, openKv, put, tempDir } from './engine-helpers';

afterEach(cleanup);

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** nodeIo with switches: `write` writes half the data then fails (a torn append). */
function faultyIo() {
  const fault = { write: false, fsync: false, open: false };
  const io: Partial<EngineIo> = {
    async open(path) {
      if (fault.open) throw errno('EACCES');
      return nodeIo.open(path);
    },
    async write(fd, data, position) {
      if (!fault.write) return nodeIo.write(fd, data, position);
      await nodeIo.write(fd, data.subarray(0, Math.ceil(data.length / 2)), position);
      throw errno('ENOSPC');
    },
    async fsync(fd) {
      if (fault.fsync) throw errno('EIO');
      return nodeIo.fsync(fd);
    },
  };
  return { fault, io };
}

function events(engine: Engine) {
  const seen: { error: string[]; recovered: string[] } = { error: [], recovered: [] };
  engine.on('error', (i) => seen.error.push(i.message));
  engine.on('recovered', (i) => seen.recovered.push(i.message));
  return seen;
}

describe.each([
  ['fsync fails (EIO)', 'fsync' as const],
  ['append fails half-way (ENOSPC)', 'write' as const],
])('when the journal %s', (_name, kind) => {
  it('rejects the writes, rolls memory back to disk, and recovers once the fault clears', async () => {
    const dir = await tempDir();
    const { fault, io } = faultyIo();
    const engine = await openKv(dir, { io });
    const seen = events(engine);
    await put(engine, 'a', 'durable');
    await put(engine, 'b', 'durable');
    const durableLsn = engine.stats().lsn;

    fault[kind] = true;
    const lazy = engine.writeLazy((tx) => tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['lazy', 'x']));
    expect(lazy.changes).toBe(1);
    const results = await Promise.allSettled([
      put(engine, 'c', 'rejected'),
      put(engine, 'a', 'overwritten but rejected'),
      engine.flush(),
    ]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    }
    // memory shows exactly what is on disk
    expect(keys(engine)).toEqual(['a', 'b']);
    expect(getV(engine, 'a')).toBe('durable');
    expect(engine.stats()).toMatchObject({ lsn: durableLsn, health: 'failed' });
    expect(engine.stats().lastError).toMatch(/journal append failed/);
    expect(seen.error).toHaveLength(1);
    expect(seen.error[0]).toMatch(
      new RegExp(`${kind === 'fsync' ? 'EIO' : 'ENOSPC'}.*rolled back to LSN ${durableLsn}`),
    );

    // still failing: rejected again, nothing acknowledged
    await expect(put(engine, 'd', 'rejected')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(keys(engine)).toEqual(['a', 'b']);

    fault[kind] = false;
    await put(engine, 'e', 'after the fault');
    expect(engine.stats().health).toBe('ok');
    expect(seen.recovered.some((m) => /writable again/.test(m))).toBe(true);
    expect(keys(engine)).toEqual(['a', 'b', 'e']);
    await engine.close();

    const again = await openKv(dir);
    expect(keys(again)).toEqual(['a', 'b', 'e']);
    expect(getV(again, 'a')).toBe('durable');
  });
});

describe('journal faults', () => {
  it('rejects without touching memory while the journal cannot even be reopened', async () => {
    const dir = await tempDir();
    const { fault, io } = faultyIo();
    const engine = await openKv(dir, { io });
    await put(engine, 'a', '1');
    fault.fsync = true;
    await expect(put(engine, 'b', '2')).rejects.toBeInstanceOf(StoreUnavailableError);
    fault.open = true;
    await expect(put(engine, 'c', '3')).rejects.toThrow(/journal cannot be reopened: EACCES/);
    expect(keys(engine)).toEqual(['a']);
    fault.open = false;
    fault.fsync = false;
    await put(engine, 'd', '4');
    expect(keys(engine)).toEqual(['a', 'd']);
  });

  it('cuts rejected records off the journal at close, so a restart does not replay them', async () => {
    const dir = await tempDir();
    const { fault, io } = faultyIo();
    const engine = await openKv(dir, { io });
    await put(engine, 'a', '1');
    // fsync failing after a complete write: the rejected record's bytes are in the file
    fault.fsync = true;
    await expect(put(engine, 'rejected', 'x')).rejects.toBeInstanceOf(StoreUnavailableError);
    fault.fsync = false;
    await engine.close();
    const again = await openKv(dir);
    expect(keys(again)).toEqual(['a']);
  });

  it('does not fail a snapshot taken after the journal recovered', async () => {
    const dir = await tempDir();
    const { fault, io } = faultyIo();
    const engine = await openKv(dir, { io });
    await put(engine, 'a', '1');
    fault.write = true;
    await expect(put(engine, 'b', '2')).rejects.toBeInstanceOf(StoreUnavailableError);
    fault.write = false;
    await put(engine, 'c', '3');
    await engine.snapshot();
    await put(engine, 'd', '4');
    await engine.close();
    expect(keys(await openKv(dir))).toEqual(['a', 'c', 'd']);
  });

  it('refuses writes until memory can be restored from disk, never building on rejected writes', async () => {
    const dir = await tempDir();
    const { fault, io } = faultyIo();
    const engine = await openKv(dir, { io });
    await put(engine, 'a', '1');
    await engine.snapshot();
    await put(engine, 'b', '2');
    // an unreadable snapshot makes the reload after a failed append fail too
    await rename(join(dir, 'snapshot.db'), join(dir, 'snapshot.keep'));
    await mkdir(join(dir, 'snapshot.db'));
    fault.write = true;
    await expect(put(engine, 'rejected', 'x')).rejects.toThrow(/could not restore memory from disk/);
    fault.write = false;
    await expect(put(engine, 'c', '3')).rejects.toThrow(/memory could not be restored from disk/);
    expect(() => engine.writeLazy((tx) => tx.run('DELETE FROM kv'))).toThrow(StoreUnavailableError);

    await rm(join(dir, 'snapshot.db'), { recursive: true });
    await rename(join(dir, 'snapshot.keep'), join(dir, 'snapshot.db'));
    await put(engine, 'c', '3');
    expect(keys(engine)).toEqual(['a', 'b', 'c']);
    await engine.close();
    expect(keys(await openKv(dir))).toEqual(['a', 'b', 'c']);
  });
});
