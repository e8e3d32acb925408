/**
 * Engine figures at tenant scale (not run in CI): seeds N users of ~530 bytes of JSON through
 * the real schema, then measures
 *  - durable single-row write latency at that size (write cost must not grow with the DB),
 *  - the main thread's worst event-loop delay while a background snapshot is taken,
 *  - start-up time from a snapshot of N users (target: well under 3 s at 250k).
 * Seeding runs in this process; the measurements run in a fresh child (`--measure <dir>`) that
 * opens the seeded directory, so its RSS is that of a server started from disk.
 * Usage: npx tsx bench/engine-bench.ts [N=250000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_SNAPSHOT_JOURNAL_BYTES, openEngine } from '../server/store/engine';
import { MIGRATIONS } from '../server/store/schema';
import type { Engine, Tx } from '../server/store/types';

const BATCH = 1000;
const INSERT =
  'INSERT INTO users (id, user_name, user_name_ci, email, email_ci, display_name, display_name_ci, ' +
  'given_name, family_name, resource, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

function insertUser(tx: Tx, i: number): void {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const userName = `user${i}@example.com`;
  const at = new Date(1_700_000_000_000 + i).toISOString();
  const resource = JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id,
    userName,
    name: { givenName: `Given${i}`, familyName: `Family${i}` },
    displayName: `Given${i} Family${i}`,
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    externalId: `00u${i}abcdefghij`,
    meta: { resourceType: 'User', created: at, lastModified: at, version: 'W/"1"' },
    title: 'Engineer',
    department: 'Identity',
  });
  tx.run(INSERT, [
    id,
    userName,
    userName,
    userName,
    userName,
    `Given${i} Family${i}`,
    `given${i} family${i}`,
    `Given${i}`,
    `Family${i}`,
    resource,
    at,
    at,
  ]);
}

const ms = (t: number) => (performance.now() - t).toFixed(0);

async function writeLatency(engine: Engine, from: number, count: number): Promise<string> {
  const t = performance.now();
  for (let i = 0; i < count; i++) await engine.write((tx) => insertUser(tx, from + i));
  return ((performance.now() - t) / count).toFixed(2);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function seed(dir: string, n: number): Promise<void> {
  const engine = await openEngine({ dir, migrations: MIGRATIONS, snapshotJournalBytes: 1 << 40 });
  const small = await writeLatency(engine, 0, 200);
  const t = performance.now();
  for (let i = 200; i < n; i += BATCH) {
    await engine.write((tx) => {
      for (let j = i; j < Math.min(n, i + BATCH); j++) insertUser(tx, j);
    });
  }
  console.log(`seeded ${n} users in ${ms(t)} ms (${BATCH}-row transactions)`);
  const large = await writeLatency(engine, n, 200);
  console.log(`durable single-row write, serial: ${small} ms at 200 users, ${large} ms at ${n}`);
  await engine.snapshot();
  await engine.close();
}

async function measure(dir: string): Promise<void> {
  let t = performance.now();
  let engine = await openEngine({ dir, migrations: MIGRATIONS });
  const n = engine.read((r) => r.get<{ n: number }>('SELECT count(*) AS n FROM users'))?.n ?? 0;
  console.log(`start-up from a ${n}-user snapshot: ${ms(t)} ms; rss ${mib(process.memoryUsage.rss())}`);
  let k = n + 1_000_000;

  /** Writes every 2 ms until `until` settles; reports event-loop delay and peak RSS. */
  const underLoad = async (label: string, until: Promise<unknown>) => {
    const h = monitorEventLoopDelay({ resolution: 1 });
    const writes: Promise<unknown>[] = [];
    let done = false;
    void until.finally(() => (done = true));
    h.enable();
    const t0 = performance.now();
    let rss = 0;
    while (!done) {
      writes.push(engine.write((tx) => insertUser(tx, k++)));
      rss = Math.max(rss, process.memoryUsage.rss());
      await new Promise((r) => setTimeout(r, 2));
    }
    await until;
    await Promise.all(writes);
    h.disable();
    const p = (q: number) => (h.percentile(q) / 1e6).toFixed(1);
    console.log(
      `${label}: ${ms(t0)} ms, ${writes.length} writes meanwhile; event-loop delay p50 ${p(50)} ms, ` +
        `p99 ${p(99)} ms, max ${(h.max / 1e6).toFixed(1)} ms; peak rss ${mib(rss)}`,
    );
  };
  await underLoad('baseline, no snapshot (3 s)', new Promise((r) => setTimeout(r, 3000)));
  await underLoad('first snapshot (worker start, replica load, export, write)', engine.snapshot());
  await underLoad('second snapshot (warm replica: export, write)', engine.snapshot());

  // Worst ordinary start-up: the snapshot plus a journal just under the snapshot threshold,
  // written as single-row transactions (Okta-style creates), all replayed.
  const before = engine.stats().lsn;
  while (engine.stats().journalBytes < DEFAULT_SNAPSHOT_JOURNAL_BYTES * 0.95) {
    await Promise.all(Array.from({ length: 100 }, () => engine.write((tx) => insertUser(tx, k++))));
  }
  const { journalBytes, lsn } = engine.stats();
  await engine.close();
  t = performance.now();
  engine = await openEngine({ dir, migrations: MIGRATIONS, snapshotJournalBytes: 1 << 40 });
  console.log(
    `start-up from snapshot + ${(journalBytes / 2 ** 20).toFixed(1)} MiB journal (${lsn - before} ` +
      `single-row records): ${ms(t)} ms`,
  );
  await engine.close();
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') return measure(process.argv[3] as string);
  const n = Number(process.argv[2] ?? 250_000);
  const dir = await mkdtemp(join(tmpdir(), 'scimdesk-engine-bench-'));
  try {
    await seed(dir, n);
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1] as string, '--measure', dir],
      {
        stdio: 'inherit',
      },
    );
    if (child.status !== 0) throw new Error(`measure phase failed (${child.status ?? child.signal})`);
  } finally {
    if (process.env.KEEP_BENCH_DIR) console.log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

await main();
