/**
 * Start-up recovery from a damaged journal: a torn tail (crash mid-append), a corrupt CRC, a
 * corrupt record in the middle, garbage headers. The engine must come back at the last good
 * record, cut the file there, say so through 'recovered', and keep working.
 */
import { appendFile, mkdir, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanRecords } from '../../server/store/journal';
import type { Engine } from '../../server/store/types';
import { cleanup, keys, openKv, put, tempDir } from './engine-helpers';

afterEach(cleanup);

const segmentFiles = async (dir: string) =>
  (await readdir(dir)).filter((n) => /^journal-\d+\.log$/.test(n)).sort();

/** Writes `n` records, one group commit each, and closes; returns the last segment's path. */
async function journalOf(n: number): Promise<{ dir: string; file: string; lsn: number }> {
  const dir = await tempDir();
  const engine = await openKv(dir);
  for (let i = 0; i < n; i++) await put(engine, `k${String(i).padStart(2, '0')}`, `value ${i}`);
  const lsn = engine.stats().lsn;
  await engine.close();
  const files = await segmentFiles(dir);
  return { dir, file: join(dir, files[files.length - 1] as string), lsn };
}

function recoveredMessages(engine: Engine): Promise<string[]> {
  const seen: string[] = [];
  engine.on('recovered', (info) => seen.push(info.message));
  return new Promise((resolve) => setTimeout(() => resolve(seen), 0));
}

async function reopenAndCheck(dir: string, lsn: number, keyCount: number) {
  const engine = await openKv(dir);
  const messages = await recoveredMessages(engine);
  expect(engine.stats().lsn).toBe(lsn);
  expect(keys(engine)).toHaveLength(keyCount);
  // it keeps working, and what it writes now survives another restart
  await put(engine, 'after', 'recovery');
  await engine.close();
  const again = await openKv(dir);
  expect(keys(again)).toHaveLength(keyCount + 1);
  expect(await recoveredMessages(again)).toEqual([]);
  await again.close();
  return messages;
}

describe('journal recovery at start-up', () => {
  // LSNs 1 and 2 are the two kv migrations; record i (0-based) of a segment is LSN i + 1.
  it('drops a torn last record (cut a few bytes short) and truncates the file there', async () => {
    const { dir, file, lsn } = await journalOf(10);
    const records = scanRecords(await readFile(file)).records;
    const last = records[records.length - 1];
    if (!last) throw new Error('no records');
    await truncate(file, last.end - 3);
    const messages = await reopenAndCheck(dir, lsn - 1, 9);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/torn record .* truncated there, recovered to LSN 11/);
    expect((await stat(file)).size).toBeGreaterThanOrEqual(last.start);
  });

  it('drops a last record whose CRC does not match', async () => {
    const { dir, file, lsn } = await journalOf(10);
    const buf = await readFile(file);
    const last = scanRecords(buf).records.at(-1);
    if (!last) throw new Error('no records');
    buf[last.end - 2] = (buf[last.end - 2] as number) ^ 0x01;
    await writeFile(file, buf);
    const messages = await reopenAndCheck(dir, lsn - 1, 9);
    expect(messages[0]).toMatch(/CRC mismatch at byte \d+; truncated there, recovered to LSN 11/);
  });

  it('stops at a corrupt record in the middle, and sets later segments aside', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    for (let i = 0; i < 10; i++) await put(engine, `a${i}`, 'first segment');
    // A failed snapshot rolls the journal but keeps the old segment: two segments on disk.
    await mkdir(join(dir, 'snapshot.tmp'));
    await expect(engine.snapshot()).rejects.toThrow();
    for (let i = 0; i < 5; i++) await put(engine, `b${i}`, 'second segment');
    await engine.close();
    const files = await segmentFiles(dir);
    expect(files).toHaveLength(2);
    const first = join(dir, files[0] as string);
    const buf = await readFile(first);
    const fifth = scanRecords(buf).records[4]; // LSN 5, the third kv record
    if (!fifth) throw new Error('no record');
    buf[fifth.start + 12] = (buf[fifth.start + 12] as number) ^ 0xff;
    await writeFile(first, buf);

    const messages = await reopenAndCheck(dir, 4, 2);
    expect(messages[0]).toMatch(/CRC mismatch at byte \d+; truncated there, recovered to LSN 4/);
    expect(messages[1]).toMatch(/set aside .*journal-0+13\.log/);
    expect((await readdir(dir)).some((n) => n.endsWith('.orphaned'))).toBe(true);
  });

  it.each([
    ['a torn header', Buffer.from([1, 2, 3]), /torn header/],
    ['an absurd length', Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 0x7b]), /bad length/],
    ['a zero length', Buffer.alloc(8), /bad length 0/],
  ])('ignores %s after the last good record', async (_name, garbage, reason) => {
    const { dir, file, lsn } = await journalOf(5);
    const size = (await stat(file)).size;
    await appendFile(file, garbage);
    const messages = await reopenAndCheck(dir, lsn, 5);
    expect(messages[0]).toMatch(reason);
    expect(messages[0]).toContain(`at byte ${size}`);
  });

  it('refuses a record whose LSN does not follow (a segment went missing)', async () => {
    const dir = await tempDir();
    const engine = await openKv(dir);
    for (let i = 0; i < 4; i++) await put(engine, `a${i}`, 'x');
    await mkdir(join(dir, 'snapshot.tmp'));
    await expect(engine.snapshot()).rejects.toThrow();
    for (let i = 0; i < 3; i++) await put(engine, `b${i}`, 'x');
    await expect(engine.snapshot()).rejects.toThrow(); // snapshot.tmp is still in the way
    await put(engine, 'c', 'x');
    await engine.close();
    const files = await segmentFiles(dir);
    expect(files).toHaveLength(3);
    // losing the middle segment leaves a hole: replay must stop before it, not skip over it
    await rm(join(dir, files[1] as string));
    const messages = await reopenAndCheck(dir, 6, 4);
    expect(messages[0]).toMatch(/has LSN 10, expected 7/);
  });
});
