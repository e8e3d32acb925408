/**
 * Request-log retention: the newest `maxEntries` entries (and at most `maxBytes`) are kept,
 * in order, through many wrap-arounds of the in-memory array, and after a restart from the
 * JSON-lines files. (The drop of the oldest entry happens on every request once the log is
 * full, so it must not copy the whole log: issue 3.)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../server/admin/contract';
import { RequestLog } from '../../server/log/request-log';

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

function entry(log: RequestLog, i: number, body = '{}'): LogEntry {
  const { id, seq } = log.nextId();
  return {
    id,
    seq,
    time: new Date(1_700_000_000_000 + i).toISOString(),
    method: i % 2 ? 'GET' : 'POST',
    path: `/api/v2/scim/Users/u${i}`,
    query: '',
    status: 200,
    durationMs: 1,
    tokenName: 'bootstrap',
    userAgent: 'Okta SCIM Client 1.0.0',
    resourceType: 'User',
    resources: [{ type: 'User', id: `u${i}`, name: `user${i}`, externalId: null }],
    warnings: [],
    patchStyle: null,
    fault: null,
    oktaAction: 'not-okta',
    requestHeaders: {},
    requestBody: null,
    responseHeaders: {},
    responseBody: body,
  };
}

const paths = (log: RequestLog) => log.query({ limit: 5000 }).map((e) => e.path);

describe('request log retention', () => {
  it.each([
    { max: 10, appended: 10 },
    { max: 10, appended: 11 },
    { max: 10, appended: 5_000 },
    { max: 3_000, appended: 7_777 },
  ])('keeps the newest $max of $appended entries, newest first', ({ max, appended }) => {
    const log = new RequestLog(null, { maxEntries: max, maxBytes: 1 << 30 });
    for (let i = 0; i < appended; i++) log.append(entry(log, i));
    const kept = Math.min(max, appended);
    expect(log.size.entries).toBe(kept);
    const expected = Array.from({ length: kept }, (_, k) => `/api/v2/scim/Users/u${appended - 1 - k}`);
    expect(paths(log)).toEqual(expected);
    expect(log.get(`r${(appended - kept + 1).toString(36)}`)).toBeUndefined();
    expect(log.forResource(`u${appended - 1}`)).toHaveLength(1);
    expect(log.forResource(`u${appended - kept - 1}`)).toHaveLength(0);
    expect(log.find((e) => e.method === 'GET', 3)).toHaveLength(Math.min(3, Math.floor(kept / 2)));
  });

  it('drops the oldest entries to stay under maxBytes', () => {
    const body = 'x'.repeat(1000);
    // each entry counts body + 512 bytes: 1512, so 10 fit in 15,120 bytes
    const log = new RequestLog(null, { maxEntries: 1_000, maxBytes: 15_120 });
    for (let i = 0; i < 2_500; i++) log.append(entry(log, i, body));
    expect(log.size.entries).toBe(10);
    expect(log.size.bytes).toBe(15_120);
    expect(paths(log)[9]).toBe('/api/v2/scim/Users/u2490');
  });

  it('applies a lower retention at once and can be cleared', () => {
    const log = new RequestLog(null, { maxEntries: 100, maxBytes: 1 << 30 });
    for (let i = 0; i < 2_000; i++) log.append(entry(log, i));
    log.setRetention({ maxEntries: 5, maxBytes: 1 << 30 });
    expect(paths(log)).toEqual([1999, 1998, 1997, 1996, 1995].map((i) => `/api/v2/scim/Users/u${i}`));
    log.clear();
    expect(log.size).toEqual({ entries: 0, bytes: 0 });
    log.append(entry(log, 1));
    expect(paths(log)).toEqual(['/api/v2/scim/Users/u1']);
  });

  it('reloads the newest entries from its files after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scimdesk-log-'));
    dirs.push(dir);
    const log = new RequestLog(dir, { maxEntries: 50, maxBytes: 1 << 30 });
    for (let i = 0; i < 12_000; i++) log.append(entry(log, i));
    log.close();
    // every entry reached the file, those dropped from memory before the flush included (12,000
    // lines of ~600 bytes fill several of the line store's chunks, which are reused once released)
    const lines = readFileSync(join(dir, 'requests.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(12_000);
    expect(lines.map((l) => (JSON.parse(l) as LogEntry).path)).toEqual(
      Array.from({ length: 12_000 }, (_, i) => `/api/v2/scim/Users/u${i}`),
    );
    const again = new RequestLog(dir, { maxEntries: 50, maxBytes: 1 << 30 });
    expect(again.size.entries).toBe(50);
    expect(paths(again)[0]).toBe('/api/v2/scim/Users/u11999');
    expect(paths(again)[49]).toBe('/api/v2/scim/Users/u11950');
    expect(again.nextId().seq).toBe(12_001);
  });

  it('rotates its files under the byte cap, and after clear() writes to a new file, not the deleted one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scimdesk-log-'));
    dirs.push(dir);
    const body = 'y'.repeat(900);
    // cap 200 KB: each file at most 100 KB, about 80 entries of ~1.2 KB
    const log = new RequestLog(dir, { maxEntries: 100_000, maxBytes: 200_000 });
    for (let i = 0; i < 1_000; i++) {
      log.append(entry(log, i, body));
      if (i % 50 === 49) log.flush();
    }
    log.flush();
    const current = statSync(join(dir, 'requests.jsonl'));
    expect(current.size).toBeLessThanOrEqual(100_000);
    expect(statSync(join(dir, 'requests.1.jsonl')).size).toBeLessThanOrEqual(100_000);
    expect(current.mode & 0o777).toBe(0o600);
    const last = readFileSync(join(dir, 'requests.jsonl'), 'utf8').trim().split('\n').pop() ?? '';
    expect((JSON.parse(last) as LogEntry).path).toBe('/api/v2/scim/Users/u999');

    log.clear();
    expect(existsSync(join(dir, 'requests.jsonl'))).toBe(false);
    log.append(entry(log, 5000));
    log.close();
    const lines = readFileSync(join(dir, 'requests.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as LogEntry).path)).toEqual(['/api/v2/scim/Users/u5000']);
    const again = new RequestLog(dir, { maxEntries: 50, maxBytes: 1 << 30 });
    expect(paths(again)).toEqual(['/api/v2/scim/Users/u5000']);
  });
});
