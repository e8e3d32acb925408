/**
 * Requests while snapshots run. A snapshot is `db.export()` plus a write and fsync of the whole
 * file (docs/architecture.md: 284 ms + 230–620 ms at 250k users), done by the engine's worker thread from
 * its replica so the event loop never stalls. The server is started with a small
 * `--snapshot-journal-bytes`, so snapshots follow one another during a mixed Okta load; each
 * snapshot's window is read from the data directory (inotify via fs.watch): it starts when the
 * engine rolls to a new journal segment and ends when `snapshot.db` is renamed into place.
 */
import { watch } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runLoad, type RequestSpec } from '../load';
import {
  activeToggleRequest,
  createUserRequest,
  getUserRequest,
  lookupRequest,
  putUserRequest,
} from '../okta-traffic';
import { percentile, sortedCopy } from '../stats';

export interface SnapshotFigures {
  durationMs: number;
  requests: number;
  throughput: number;
  errors: number;
  snapshots: number;
  /** mean snapshot window, ms */
  meanWindowMs: number;
  /** share of the phase with a snapshot running */
  coverage: number;
  inWindow: { requests: number; p50: number; p99: number; max: number };
  outside: { requests: number; p50: number; p99: number };
}

/** Okta's mix: half lookups, then reads, deactivate/reactivate, profile pushes and creates. */
export function mixedStream(users: number, createFrom: number): (k: number) => RequestSpec {
  const lookup = lookupRequest(users);
  const get = getUserRequest(users);
  const toggle = activeToggleRequest(users);
  const put = putUserRequest(users);
  const create = createUserRequest(createFrom);
  return (k) => {
    const slot = k % 10;
    if (slot < 5) return lookup(k);
    if (slot < 7) return get(k);
    if (slot === 7) return toggle(k);
    if (slot === 8) return put(k);
    return create(k);
  };
}

export async function snapshotLoad(
  origin: string,
  dataDir: string,
  users: number,
  durationMs: number,
  createFrom: number,
): Promise<SnapshotFigures> {
  const dbDir = join(dataDir, 'db');
  const known = new Set(await readdir(dbDir));
  const starts: number[] = [];
  const ends: number[] = [];
  const watcher = watch(dbDir, (_event, name) => {
    const now = performance.now();
    if (!name) return;
    if (/^journal-\d+\.log$/.test(name) && !known.has(name)) {
      known.add(name);
      starts.push(now);
    } else if (name === 'snapshot.db') ends.push(now);
  });
  const r = await runLoad({ origin, concurrency: 16, durationMs, next: mixedStream(users, createFrom) });
  watcher.close();
  // Pair each start with the first end after it; a snapshot still running at the end is open until then.
  const windows: [number, number][] = [];
  let e = 0;
  for (const s of starts) {
    while (e < ends.length && (ends[e] as number) < s) e++;
    const end = e < ends.length ? (ends[e++] as number) : r.t0 + r.durationMs;
    windows.push([s - r.t0, end - r.t0]);
  }
  const inside: number[] = [];
  const outside: number[] = [];
  for (let k = 0; k < r.starts.length; k++) {
    const a = r.starts[k] as number;
    const b = r.ends[k] as number;
    (windows.some(([ws, we]) => a < we && b > ws) ? inside : outside).push(b - a);
  }
  const si = sortedCopy(inside);
  const so = sortedCopy(outside);
  const covered = windows.reduce(
    (sum, [a, b]) => sum + Math.max(0, Math.min(b, r.durationMs) - Math.max(0, a)),
    0,
  );
  const completed = windows.filter(([, b]) => b < r.durationMs).length;
  return {
    durationMs: r.durationMs,
    requests: r.requests,
    throughput: r.throughput,
    errors: r.errors,
    snapshots: completed,
    meanWindowMs: windows.length ? windows.reduce((s, [a, b]) => s + (b - a), 0) / windows.length : NaN,
    coverage: covered / r.durationMs,
    inWindow: {
      requests: si.length,
      p50: percentile(si, 50),
      p99: percentile(si, 99),
      max: percentile(si, 100),
    },
    outside: { requests: so.length, p50: percentile(so, 50), p99: percentile(so, 99) },
  };
}
