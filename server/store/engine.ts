/**
 * The durable sql.js engine (contract in ./types.ts; docs/architecture.md "Durability with sql.js").
 *
 * The database lives in memory. A write runs in BEGIN…COMMIT and records the statements it ran;
 * the record gets the next LSN and waits in a buffer. One group-commit loop appends everything
 * buffered with one write and one fsync and only then resolves those writes, so concurrent
 * writes share an fsync and a write's cost does not grow with the database (no export on the
 * write path). Snapshots are taken by a worker thread from its own replica (./engine-snapshotter.ts).
 * When an append or fsync fails, every write not yet on disk is rejected and memory is rebuilt
 * from disk, so nothing is ever visible, or acknowledged, that the disk does not hold.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { StatementCache, scalar } from './engine-apply';
import { EngineEvents } from './engine-events';
import type { EngineEvent, EngineListener } from './engine-events';
import { nodeIo } from './engine-io';
import { JournalWriter } from './engine-journal-writer';
import { SNAPSHOT_TMP, loadState } from './engine-recovery';
import type { LoadedState } from './engine-recovery';
import { Snapshotter } from './engine-snapshotter';
import { runTransaction } from './engine-tx';
import type { Script, TxOutcome } from './engine-tx';
import { encodeRecord } from './journal';
import { defaultWasmPath, loadSqlJs } from './sqljs';
import { StoreUnavailableError } from './types';
import type { Engine, EngineOptions, EngineStats, Migration, Reader, SideLog, Tx } from './types';

/**
 * The floor of the adaptive snapshot threshold. 16 MiB rather than the 4 MiB it was: below
 * 128 MB of database the floor decides how often the whole database is exported, and resource
 * history makes a small tenant's database grow quickly (a version per write), so at 10,000
 * users a 4 MiB floor spent more on snapshots with history on than history itself cost
 * (docs/history.md "What history costs"). Start-up replays at most this much journal.
 */
export const DEFAULT_SNAPSHOT_JOURNAL_BYTES = 16 * 1024 * 1024;
/**
 * Without an explicit threshold, a snapshot waits until the journal is this fraction of the
 * database: a snapshot writes the whole database, so a fixed threshold makes each journaled
 * byte cost more the larger the database grows (at 250,000 users a 4 MiB threshold meant a
 * ~2.8 s export every few thousand writes, docs/performance.md). Proportional, the snapshot
 * work per journaled byte stays constant, and start-up replays at most this fraction again.
 */
export const SNAPSHOT_JOURNAL_FRACTION = 1 / 8;

interface Entry {
  lsn: number;
  /** the record as the replica applies it: its statements, without side entries */
  payload: string;
  /** characters of side entries in the frame (not counted towards the snapshot threshold) */
  sideChars: number;
  frame: Buffer;
  resolve?: () => void;
  reject?: (err: Error) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Data directories with an engine open in this process. Two engines appending to one journal
 * would interleave records and corrupt it, so a second open fails until the first is closed.
 * (Across processes nothing guards this: the Electron app holds a single-instance lock.)
 */
const openDirs = new Set<string>();

/** Opens (creating, recovering and migrating as needed) the engine over `options.dir`. */
export async function openEngine(options: EngineOptions): Promise<Engine> {
  const dir = resolve(options.dir);
  if (openDirs.has(dir)) throw new Error(`an engine is already open on ${dir}`);
  openDirs.add(dir);
  try {
    mkdirSync(dir, { recursive: true });
    const wasmPath = options.wasmPath ?? defaultWasmPath();
    const SQL = await loadSqlJs(wasmPath);
    try {
      rmSync(join(dir, SNAPSHOT_TMP), { force: true });
    } catch {
      // not a file (or not removable): the worker reports it if a snapshot then fails
    }
    const state = loadState(SQL, dir, { repair: true, sides: options.side !== undefined });
    const engine = new SqlJsEngine(SQL, dir, wasmPath, options, state, () => openDirs.delete(dir));
    try {
      await engine.start(options.migrations);
    } catch (err) {
      await engine.close().catch(() => undefined);
      throw err;
    }
    return engine;
  } catch (err) {
    openDirs.delete(dir);
    throw err;
  }
}

class SqlJsEngine implements Engine {
  private db: Database;
  private cache: StatementCache;
  private readonly journal: JournalWriter;
  private readonly snapshotter: Snapshotter;
  private readonly events = new EngineEvents();
  private readonly fsync: boolean;
  /** the fixed threshold asked for, or null for the adaptive default */
  private readonly fixedSnapshotBytes: number | null;
  /** the adaptive threshold's floor */
  private readonly minSnapshotBytes: number;
  /** the threshold in force: fixed, or the larger of the floor and a fraction of the database */
  private snapshotBytes: number;
  private readonly functions: NonNullable<EngineOptions['functions']>;
  /** where side entries go (Tx.side); see SideLog */
  private readonly side: SideLog | undefined;
  /** the side entries replayed at start-up, handed to the side log by start() */
  private recovered: LoadedState['sides'] | null;

  private lsn: number;
  private durableLsn: number;
  private snapshotLsn: number;
  private pending: Entry[] = [];
  private flushWaiters: (Waiter & { lsn: number })[] = [];
  /** the running group-commit loop, if any */
  private looping: Promise<void> | null = null;
  private reopening: Promise<void> | null = null;
  private inTx = false;
  /** memory may hold rejected writes (a reload from disk failed): no write may build on it */
  private memoryStale = false;
  private closed = false;

  private snapshotWaiters: Waiter[] = [];
  private snapshotRunning: Promise<void> | null = null;
  private snapshotRetryBytes = 0;

  private health: EngineStats['health'] = 'ok';
  private lastError: string | null = null;
  private commits = 0;
  private records = 0;
  private snapshots = 0;

  private readonly reader: Reader = {
    get: (sql, params) => this.cache.get(sql, params),
    all: (sql, params) => this.cache.all(sql, params),
  };

  constructor(
    private readonly SQL: SqlJsStatic,
    private readonly dir: string,
    wasmPath: string,
    options: EngineOptions,
    state: LoadedState,
    private readonly onClosed: () => void,
  ) {
    this.db = state.db;
    this.cache = new StatementCache(this.db);
    this.functions = options.functions ?? {};
    this.side = options.side;
    this.recovered = state.sides;
    this.registerFunctions();
    this.lsn = this.durableLsn = state.lsn;
    this.snapshotLsn = state.snapshotLsn;
    this.fsync = options.fsync ?? true;
    this.fixedSnapshotBytes = options.snapshotJournalBytes ?? null;
    this.minSnapshotBytes = options.snapshotJournalMinBytes ?? DEFAULT_SNAPSHOT_JOURNAL_BYTES;
    this.snapshotBytes = this.thresholdFor(this.databaseBytes());
    this.journal = new JournalWriter(dir, { ...nodeIo, ...options.io }, state.segments);
    this.snapshotter = new Snapshotter(dir, wasmPath, options.workerUrl);
    for (const message of state.messages) this.events.recordStartup(message);
  }

  /** Opens the journal for appending and applies pending migrations, each as a journaled write. */
  async start(migrations: readonly Migration[]): Promise<void> {
    await this.journal.open(this.durableLsn + 1);
    // Everything replayed is durable in the journal: the side log catches up with it first.
    for (const message of this.side?.recover(this.durableLsn, this.recovered ?? []) ?? []) {
      this.events.recordStartup(message);
    }
    this.recovered = null;
    const version = Number(scalar(this.db, 'PRAGMA user_version') ?? 0);
    if (version > migrations.length) {
      throw new Error(`database schema version ${version} is newer than this build (${migrations.length})`);
    }
    for (let i = version; i < migrations.length; i++) {
      const m = migrations[i] as Migration;
      await this.submit((tx, script) => {
        if (typeof m === 'string') script(m);
        else {
          script(m.sql);
          m.backfill(tx);
          if (m.after) script(m.after);
        }
        script(`PRAGMA user_version = ${i + 1}`);
      });
    }
    if (this.journal.statementBytes >= this.snapshotBytes) this.kick();
  }

  read<T>(fn: (r: Reader) => T): T {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    return fn(this.reader);
  }

  write<T>(fn: (tx: Tx) => T): Promise<T> {
    return this.submit(fn);
  }

  writeLazy<T>(fn: (tx: Tx) => T): T {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    this.ensureFreshMemory();
    const [result, entry] = this.commit(fn);
    if (entry) entry.reject = () => undefined;
    return result;
  }

  flush(): Promise<void> {
    if (this.lsn <= this.durableLsn) return Promise.resolve();
    return new Promise((resolve, reject) => this.flushWaiters.push({ lsn: this.lsn, resolve, reject }));
  }

  snapshot(): Promise<void> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('store is closed'));
    return new Promise((resolve, reject) => {
      this.snapshotWaiters.push({ resolve, reject });
      this.kick();
    });
  }

  /** ArrayBuffer bytes held by the snapshot worker (null before the first snapshot starts it). */
  snapshotWorkerMemory(): Promise<number | null> {
    return this.snapshotter.workerArrayBuffers();
  }

  stats(): EngineStats {
    return {
      lsn: this.lsn,
      snapshotLsn: this.snapshotLsn,
      journalBytes: this.journal.bytes,
      snapshotThresholdBytes: this.snapshotBytes,
      snapshots: this.snapshots,
      commits: this.commits,
      records: this.records,
      health: this.health,
      lastError: this.lastError,
    };
  }

  on(event: EngineEvent, listener: EngineListener): void {
    this.events.on(event, listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flush().catch(() => undefined);
      await this.looping;
      // After a failed append the segment may end in records that were rejected; cut them off
      // now rather than leave them for the next start-up to replay.
      if (this.health === 'failed' && !this.journal.isOpen) await this.ensureOpen().catch(() => undefined);
      for (const w of this.snapshotWaiters.splice(0)) w.reject(new StoreUnavailableError('store is closed'));
      await this.snapshotRunning;
      await this.snapshotter.close().catch(() => undefined);
      await this.journal.close().catch(() => undefined);
      this.side?.close();
    } finally {
      this.cache.clear();
      this.db.close();
      this.onClosed();
    }
  }

  // ---- write path ---------------------------------------------------------------------------

  private submit<T>(fn: (tx: Tx, script: Script) => T): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('store is closed'));
    if (this.health === 'failed' && !this.journal.isOpen) {
      // Try the disk before touching memory, so a store that stays broken rejects cheaply.
      return this.ensureOpen().then(
        () => this.submit(fn),
        (err: unknown) => Promise.reject(unavailable('journal cannot be reopened', err)),
      );
    }
    let result: T;
    let entry: Entry | null;
    try {
      this.ensureFreshMemory();
      [result, entry] = this.commit(fn);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    if (!entry) return this.flush().then(() => result);
    const e = entry;
    return new Promise<T>((resolve, reject) => {
      e.resolve = () => resolve(result);
      e.reject = reject;
    });
  }

  /** Runs fn in a transaction; on success queues its record (if it changed anything). */
  private commit<T>(fn: (tx: Tx, script: Script) => T): [T, Entry | null] {
    if (this.inTx) throw new Error('engine writes cannot be nested');
    this.inTx = true;
    let outcome: TxOutcome<T>;
    try {
      outcome = runTransaction(this.cache, fn, this.side !== undefined);
    } catch (err) {
      this.side?.aborted();
      throw err;
    } finally {
      this.inTx = false;
    }
    const { statements, sides } = outcome;
    if (statements.length === 0 && sides.length === 0) return [outcome.result, null];
    const lsn = ++this.lsn;
    // Side entries are JSON texts already: spliced in, not encoded a second time.
    const s = JSON.stringify(statements);
    const payload = `{"lsn":${lsn},"s":${s}}`;
    const record = sides.length === 0 ? payload : `{"lsn":${lsn},"s":${s},"x":[${sides.join(',')}]}`;
    if (sides.length > 0) this.side?.committed(lsn);
    const entry: Entry = {
      lsn,
      payload,
      sideChars: record.length - payload.length,
      frame: encodeRecord(record),
    };
    this.pending.push(entry);
    this.kick();
    return [outcome.result, entry];
  }

  private kick(): void {
    if (this.looping) return;
    // setImmediate, not a microtask: writes started by other requests in the same I/O phase
    // join this group commit.
    this.looping = new Promise<void>((resolve) => setImmediate(() => void this.loop().finally(resolve)));
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        // Snapshot first when due: under steady load the buffer is never empty, and a roll
        // between two batches costs one file creation.
        if (this.wantSnapshot()) await this.beginSnapshot();
        else if (this.pending.length > 0) await this.commitBatch(this.pending.splice(0));
        else break;
      }
    } finally {
      this.looping = null;
    }
  }

  private ensureOpen(): Promise<void> {
    this.reopening ??= this.journal.open(this.durableLsn + 1).finally(() => {
      this.reopening = null;
    });
    return this.reopening;
  }

  private async commitBatch(batch: Entry[]): Promise<void> {
    try {
      if (!this.journal.isOpen) await this.ensureOpen();
      const data = batch.length === 1 ? (batch[0] as Entry).frame : Buffer.concat(batch.map((e) => e.frame));
      let side = 0;
      for (const e of batch) side += e.sideChars;
      await this.journal.append(data, this.fsync, side);
    } catch (err) {
      this.failBatch(batch, err);
      return;
    }
    this.durableLsn = (batch[batch.length - 1] as Entry).lsn;
    this.side?.durable(this.durableLsn);
    this.commits++;
    this.records += batch.length;
    if (this.health === 'failed') {
      this.health = 'ok';
      this.events.emit('recovered', `journal writable again at LSN ${this.durableLsn}`);
    }
    this.snapshotter.forward(batch.map((e) => e.payload));
    for (const e of batch) e.resolve?.();
    this.flushWaiters = this.flushWaiters.filter((w) =>
      w.lsn <= this.durableLsn ? (w.resolve(), false) : true,
    );
  }

  /**
   * An append or fsync failed: nothing after the durable LSN may be acknowledged or stay
   * visible. Reject the batch and everything queued behind it, and rebuild memory from disk.
   */
  private failBatch(batch: Entry[], cause: unknown): void {
    const victims = batch.concat(this.pending.splice(0));
    this.journal.markBroken();
    this.health = 'failed';
    let message = `journal append failed: ${errorMessage(cause)}`;
    this.side?.rolledBack(this.durableLsn);
    try {
      this.reload();
      message += `; rolled back to LSN ${this.durableLsn}`;
    } catch (err) {
      this.memoryStale = true;
      message += `; could not restore memory from disk: ${errorMessage(err)}`;
    }
    this.lastError = message;
    const error = new StoreUnavailableError(message);
    for (const e of victims) e.reject?.(error);
    const waiters = this.flushWaiters;
    this.flushWaiters = [];
    for (const w of waiters) w.reject(error);
    this.events.emit('error', message);
  }

  /** Replaces the in-memory database with the durable state on disk (synchronously). */
  private reload(): void {
    const state = loadState(this.SQL, this.dir, { maxLsn: this.durableLsn, repair: false });
    if (state.lsn !== this.durableLsn) {
      state.db.close();
      throw new Error(`disk holds LSN ${state.lsn}, expected ${this.durableLsn}`);
    }
    this.cache.clear();
    this.db.close();
    this.db = state.db;
    this.cache = new StatementCache(this.db);
    this.registerFunctions();
    this.lsn = this.durableLsn;
    this.memoryStale = false;
  }

  /** Retries the reload a failed append left undone; writes wait for it. */
  private ensureFreshMemory(): void {
    if (!this.memoryStale) return;
    try {
      this.reload();
    } catch (err) {
      throw unavailable('memory could not be restored from disk', err);
    }
  }

  private registerFunctions(): void {
    for (const [name, fn] of Object.entries(this.functions)) this.db.create_function(name, fn);
  }

  // ---- snapshots ----------------------------------------------------------------------------

  /** The database's size in memory now: pages × page size (two pragmas, microseconds). */
  private databaseBytes(): number {
    return (
      Number(scalar(this.db, 'PRAGMA page_count') ?? 0) * Number(scalar(this.db, 'PRAGMA page_size') ?? 0)
    );
  }

  private thresholdFor(databaseBytes: number): number {
    if (this.fixedSnapshotBytes !== null) return this.fixedSnapshotBytes;
    return Math.max(this.minSnapshotBytes, Math.floor(databaseBytes * SNAPSHOT_JOURNAL_FRACTION));
  }

  private wantSnapshot(): boolean {
    if (this.snapshotRunning || this.closed) return false;
    if (this.snapshotWaiters.length > 0) return true;
    // Side entries are not counted: replaying them costs no SQL, and counting them made history
    // snapshot the whole database more often (a PUT's record is half again as large with its
    // version; docs/history.md "What history costs").
    const bytes = this.journal.statementBytes;
    return bytes >= this.snapshotBytes && bytes >= this.snapshotRetryBytes;
  }

  /**
   * Rolls the journal to a new segment starting after the durable LSN X, then lets the worker
   * snapshot X in the background; appends go on meanwhile. Runs inside the commit loop, so no
   * append is in flight while rolling.
   */
  private async beginSnapshot(): Promise<void> {
    const waiters = this.snapshotWaiters.splice(0);
    const x = this.durableLsn;
    if (x === this.snapshotLsn) {
      this.snapshotRetryBytes = this.journal.statementBytes + this.snapshotBytes;
      for (const w of waiters) w.resolve();
      return;
    }
    try {
      // A broken journal may hold a torn tail beyond the durable size: reopening cuts it off,
      // and a journal that cannot be reopened must not be rolled away from.
      if (!this.journal.isOpen) await this.ensureOpen();
      if ((this.journal.current?.firstLsn ?? 0) <= x) await this.journal.roll(x + 1);
      // The journal records through x go once the snapshot is written: their side entries must
      // be durable elsewhere before it starts.
      await this.side?.beforeSnapshot(x);
    } catch (err) {
      this.snapshotFailed(err, waiters);
      return;
    }
    this.snapshotRunning = this.snapshotter.snapshot(x).then(
      (bytes) => this.snapshotDone(x, bytes, waiters),
      (err: unknown) => this.snapshotFailed(err, waiters),
    );
  }

  private async snapshotDone(x: number, bytes: number, waiters: Waiter[]): Promise<void> {
    this.snapshotLsn = x;
    this.snapshots++;
    this.snapshotBytes = this.thresholdFor(bytes);
    this.snapshotRetryBytes = 0;
    await this.journal.dropThrough(x);
    this.snapshotRunning = null;
    this.events.emit(
      'snapshot',
      `snapshot at LSN ${x} (${bytes} bytes); journal now ${this.journal.bytes} bytes`,
    );
    for (const w of waiters) w.resolve();
    if (this.snapshotWaiters.length > 0 && !this.closed) this.kick();
  }

  /** A failed snapshot loses nothing: the journal segments it would have replaced stay. */
  private snapshotFailed(err: unknown, waiters: Waiter[]): void {
    this.snapshotRunning = null;
    this.snapshotRetryBytes = this.journal.statementBytes + this.snapshotBytes;
    const message = `snapshot failed (journal kept): ${errorMessage(err)}`;
    this.lastError = message;
    this.events.emit('error', message);
    for (const w of waiters) w.reject(new Error(message));
    if (this.snapshotWaiters.length > 0 && !this.closed) this.kick();
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function unavailable(what: string, err: unknown): StoreUnavailableError {
  return new StoreUnavailableError(`${what}: ${errorMessage(err)}`);
}
