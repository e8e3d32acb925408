/**
 * What `npm run soak` watches from outside the server process: its RSS and open file
 * descriptors (/proc/<pid>/status, /proc/<pid>/fd) and the sizes of the journal, snapshot and
 * request log in its data directory; plus the plateau and cap checks on those series.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Sample {
  /** seconds since the measured phase began */
  t: number;
  rssMiB: number;
  fds: number;
  journalBytes: number;
  snapshotBytes: number;
  logBytes: number;
  /** requests answered in the window ending at t */
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) / 1024 : NaN;
}

export function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

function sizes(dir: string, match: RegExp): number {
  let total = 0;
  try {
    for (const f of readdirSync(dir)) if (match.test(f)) total += statSync(join(dir, f)).size;
  } catch {
    // not created yet
  }
  return total;
}

export function storeSizes(dataDir: string): {
  journalBytes: number;
  snapshotBytes: number;
  logBytes: number;
} {
  const db = join(dataDir, 'db');
  return {
    journalBytes: sizes(db, /^journal-\d+\.log$/),
    snapshotBytes: sizes(db, /^snapshot\.db$/),
    logBytes: sizes(join(dataDir, 'log'), /^requests(\.\d+)?\.jsonl$/),
  };
}

export interface PlateauCheck {
  /** max RSS over the middle third of the samples after warm-up, and over the last third */
  middleMaxMiB: number;
  lastMaxMiB: number;
  /** least-squares slope of RSS over the second half, MiB per minute */
  slopeMiBPerMin: number;
  ok: boolean;
}

/**
 * Memory plateaus when the last third of the run peaks no more than 10% (+16 MiB, for GC and
 * allocator noise on a small heap) above the middle third: a leak of one retained object per
 * request grows in proportion to time and fails this over a long enough run.
 */
export function plateau(samples: readonly Sample[]): PlateauCheck {
  const n = samples.length;
  const third = (a: number, b: number): number =>
    Math.max(
      ...samples
        .slice(Math.floor((a * n) / 3), Math.max(Math.floor((a * n) / 3) + 1, Math.floor((b * n) / 3)))
        .map((s) => s.rssMiB),
    );
  const middleMaxMiB = third(1, 2);
  const lastMaxMiB = third(2, 3);
  const half = samples.slice(Math.floor(n / 2));
  const mx = half.reduce((a, s) => a + s.t, 0) / Math.max(1, half.length);
  const my = half.reduce((a, s) => a + s.rssMiB, 0) / Math.max(1, half.length);
  let num = 0;
  let den = 0;
  for (const s of half) {
    num += (s.t - mx) * (s.rssMiB - my);
    den += (s.t - mx) ** 2;
  }
  const slopeMiBPerMin = den > 0 ? (num / den) * 60 : 0;
  return { middleMaxMiB, lastMaxMiB, slopeMiBPerMin, ok: lastMaxMiB <= middleMaxMiB * 1.1 + 16 };
}
