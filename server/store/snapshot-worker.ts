/**
 * Snapshot worker thread: keeps a replica of the database and writes `snapshot.db` from it, so
 * the main thread never runs db.export() (synchronous: ~97 ms at 100k users, ~284 ms at 250k,
 * and 230–620 ms with the write and fsync, docs/architecture.md "Durability with sql.js").
 *
 * At start it loads snapshot + journal up to the LSN the engine names, then applies every
 * durable record the engine forwards, in order. On request it records the LSN in
 * `_engine_meta`, exports, writes `snapshot.tmp`, fsyncs, renames over `snapshot.db` and fsyncs
 * the directory: the snapshot is either the old one or the complete new one, never torn.
 */
import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'sql.js';
import { StatementCache, applyStatements, parsePayload, tuneDatabase } from './engine-apply';
import { syncDirSync } from './engine-io';
import { META_TABLE, SNAPSHOT_FILE, SNAPSHOT_TMP, loadState } from './engine-recovery';
import type { FromWorker, ToWorker, WorkerInit } from './engine-snapshot-protocol';
import { loadSqlJs } from './sqljs';

interface Replica {
  db: Database;
  cache: StatementCache;
  lsn: number;
}

/** bytes of snapshot written between two flushes */
const FLUSH_SLICE = 8 << 20;
/** nice value of this thread on Linux (the process keeps its own) */
const WORKER_NICE = 19;

const port = parentPort;
if (!port) throw new Error('snapshot-worker must run in a worker thread');
const init = workerData as WorkerInit;
const queue: ToWorker[] = [];
let replica: Replica | null = null;
let dead = false;

const send = (msg: FromWorker): void => port.postMessage(msg);

port.on('message', (msg: ToWorker) => {
  queue.push(msg);
  drain();
});

/**
 * A full garbage collection of this thread's heap, or nothing where V8 will not give one.
 * The replica's start-up file and every export are one large buffer each (the whole database:
 * ~209 MB at 250,000 users) that is garbage as soon as it has been loaded or written. An idle
 * worker allocates too little to trigger a major collection, so without this each stayed in
 * memory until the next snapshot: 1,147 MiB RSS at 250,000 users after 33,000 creates instead of
 * 896 MiB (issue 3).
 * `gc` is taken once from a fresh context while --expose-gc is on, and the flag turned off again.
 */
const collectGarbage: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    setFlagsFromString('--no-expose-gc');
    if (typeof gc === 'function') return () => (gc as () => void)();
  } catch {
    // no gc: the buffers go at the next collection V8 chooses
  }
  return () => undefined;
})();

function fatal(err: unknown): void {
  dead = true;
  queue.length = 0;
  send({ t: 'fatal', error: err instanceof Error ? err.message : String(err) });
}

function apply(r: Replica, payloads: readonly string[]): void {
  r.db.exec('BEGIN');
  try {
    for (const payload of payloads) {
      const rec = parsePayload(payload);
      if (rec.lsn <= r.lsn) continue;
      if (rec.lsn !== r.lsn + 1) throw new Error(`replica at LSN ${r.lsn} was sent LSN ${rec.lsn}`);
      applyStatements(r.cache, rec.s);
      r.lsn = rec.lsn;
    }
    r.db.exec('COMMIT');
  } catch (err) {
    r.db.exec('ROLLBACK');
    throw err;
  }
}

function writeSnapshot(r: Replica, lsn: number): number {
  if (r.lsn !== lsn) throw new Error(`replica is at LSN ${r.lsn}, snapshot asked for LSN ${lsn}`);
  r.db.exec(
    `CREATE TABLE IF NOT EXISTS ${META_TABLE} (key TEXT PRIMARY KEY, value);` +
      `INSERT OR REPLACE INTO ${META_TABLE} (key, value) VALUES ('lsn', ${lsn});`,
  );
  // export() closes and reopens the database, which frees every prepared statement.
  r.cache.clear();
  const bytes = r.db.export();
  tuneDatabase(r.db);
  const tmp = join(init.dir, SNAPSHOT_TMP);
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      // Written and flushed a slice at a time: on ext4 (data=ordered) an fsync of the journal
      // waits for other files' dirty data too, so one 200 MB write-back would hold up every
      // acknowledged write for its whole length.
      let done = 0;
      while (done < bytes.length) {
        const end = Math.min(bytes.length, done + FLUSH_SLICE);
        while (done < end) done += writeSync(fd, bytes, done, end - done);
        if (done < bytes.length) fdatasyncSync(fd);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(init.dir, SNAPSHOT_FILE));
    syncDirSync(init.dir);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // leave it; start-up removes a stale snapshot.tmp
    }
    throw err;
  }
  return bytes.length;
}

function drain(): void {
  const r = replica;
  if (!r || dead) return;
  for (let msg = queue.shift(); msg; msg = queue.shift()) {
    if (msg.t === 'memory') {
      send({ t: 'memory', id: msg.id, arrayBuffers: process.memoryUsage().arrayBuffers });
    } else if (msg.t === 'apply') {
      try {
        apply(r, msg.payloads);
      } catch (err) {
        fatal(err);
        return;
      }
    } else {
      try {
        send({ t: 'snapshot', id: msg.id, ok: true, bytes: writeSnapshot(r, msg.lsn) });
      } catch (err) {
        send({ t: 'snapshot', id: msg.id, ok: false, error: (err as Error).message });
      }
      collectGarbage();
    }
  }
}

/**
 * Lowers this thread's scheduling priority. On Linux every thread has its own nice value and
 * setpriority() given a thread id changes only that thread, so the replica and the snapshot
 * write yield the CPU to the thread that answers requests. Elsewhere (no /proc/thread-self)
 * the worker keeps the process's priority.
 */
function yieldToRequests(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, WORKER_NICE);
  } catch {
    // not Linux, or not allowed: run at the process's priority
  }
}

async function start(): Promise<void> {
  yieldToRequests();
  const SQL = await loadSqlJs(init.wasmPath);
  const state = loadState(SQL, init.dir, { maxLsn: init.upTo, repair: false });
  if (state.lsn !== init.upTo) {
    state.db.close();
    throw new Error(`replica could only load up to LSN ${state.lsn} of ${init.upTo}`);
  }
  replica = { db: state.db, cache: new StatementCache(state.db), lsn: state.lsn };
  collectGarbage();
  send({ t: 'ready', lsn: state.lsn });
  drain();
}

start().catch(fatal);
