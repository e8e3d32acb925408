/**
 * The contract of the durable sql.js engine (implemented in ./engine.ts). Repositories in
 * this folder are its only users; routes never see SQL.
 *
 * Durability plan (docs/architecture.md "Durability with sql.js"): every write transaction is recorded as
 * the list of statements it ran, appended to a journal and fsync'd before `write()` resolves
 * (group commit: concurrent writes share one fsync); a snapshot is exported in a worker thread
 * that keeps its own replica, so the main thread never calls db.export(); start-up loads the
 * snapshot and replays the journal, dropping a torn tail.
 */

import type { EngineIo } from './engine-io';

/** Values a statement may bind. Everything recorded in the journal is JSON, so no blobs. */
export type { SqlValue } from '../query/sql-target';
import type { SqlValue } from '../query/sql-target';
export type SqlParams = readonly SqlValue[];

export interface RunResult {
  /** rows changed by this statement (sqlite3_changes) */
  changes: number;
  /** rowid of the last insert (sqlite3_last_insert_rowid) */
  lastInsertRowid: number;
}

/** Read access: prepared statements are cached by SQL text. */
export interface Reader {
  get<T = Record<string, SqlValue>>(sql: string, params?: SqlParams): T | undefined;
  all<T = Record<string, SqlValue>>(sql: string, params?: SqlParams): T[];
}

/**
 * Write access inside one transaction. `run` statements are recorded for the journal;
 * they must be deterministic (no random(), no datetime('now'), no UDFs): compute ids, times
 * and folded values in JavaScript and bind them as parameters.
 */
export interface Tx extends Reader {
  run(sql: string, params?: SqlParams): RunResult;
  /**
   * Adds a side entry to this write's journal record: one JSON value, given as its text, that
   * the engine does not apply to the database but hands to EngineOptions.side (resource history,
   * docs/history.md "Where versions are kept"). It is journaled, and so durable, with the write.
   */
  side(entry: string): void;
}

/**
 * Data kept beside the database and made durable by the journal (./engine.ts): a write's side
 * entries ride in its journal record, and this log keeps its own files from them. The engine
 * calls these hooks in order; everything happens on the main thread.
 */
export interface SideLog {
  /**
   * start-up: memory and disk now hold records through `lsn`; these records (after the snapshot)
   * carried entries. Returns what it repaired in its own files (reported as 'recovered').
   */
  recover(lsn: number, records: readonly { lsn: number; x: readonly unknown[] }[]): readonly string[];
  /** the write that added entries (Tx.side) committed in memory as record `lsn` */
  committed(lsn: number): void;
  /** the write that added entries was rolled back: forget them */
  aborted(): void;
  /** records through `lsn` are durable in the journal */
  durable(lsn: number): void;
  /** memory was rolled back to `lsn` (an append failed): forget entries of later records */
  rolledBack(lsn: number): void;
  /**
   * A snapshot covering `lsn` is about to start; once it is written, the journal records through
   * `lsn` are deleted. Resolve only when every entry through `lsn` is durable in the log's own
   * files; a rejection fails the snapshot and keeps the journal.
   */
  beforeSnapshot(lsn: number): Promise<void>;
  close(): void;
}

/**
 * One schema step: an SQL script, or a script plus a backfill that fills what the script added
 * for rows already stored (values computed in JavaScript, written with bound parameters, so the
 * journal replays them without the code that computed them), then a script run after it
 * (indexes are cheaper to build once than to maintain row by row).
 */
export type Migration = string | { sql: string; backfill: (tx: Tx) => void; after?: string };

/** The SQL of a migration without its backfill, for a database known to be empty. */
export function migrationSql(m: Migration): string {
  return typeof m === 'string' ? m : `${m.sql}\n${m.after ?? ''}`;
}

export interface EngineOptions {
  /** data directory; created if missing */
  dir: string;
  /** schema, as an ordered list of SQL scripts; script i runs once, tracked by PRAGMA user_version */
  migrations: readonly Migration[];
  /** path of sql-wasm.wasm; default: resolved from the sql.js package */
  wasmPath?: string;
  /** the snapshot worker's module; default: resolved next to the engine (see engine.ts) */
  workerUrl?: URL;
  /**
   * journal size in bytes that triggers a background snapshot; default: adaptive, the larger of
   * 16 MiB and an eighth of the database (DEFAULT_SNAPSHOT_JOURNAL_BYTES, SNAPSHOT_JOURNAL_FRACTION in engine.ts)
   */
  snapshotJournalBytes?: number;
  /** the adaptive threshold's floor (default 16 MiB, DEFAULT_SNAPSHOT_JOURNAL_BYTES); tests lower it */
  snapshotJournalMinBytes?: number;
  /** SQL functions for read queries (never used by recorded writes) */
  functions?: Record<string, (...args: SqlValue[]) => SqlValue>;
  /** fsync after each group commit (default true; tests of non-durable paths may turn it off) */
  fsync?: boolean;
  /** overrides of the journal's file operations, for fault-injection tests (ENOSPC, EIO) */
  io?: Partial<EngineIo>;
  /** where the side entries of journal records go (Tx.side); without it a side entry is refused */
  side?: SideLog;
}

export interface EngineStats {
  /** log sequence number of the last committed write */
  lsn: number;
  /** LSN covered by the last snapshot on disk */
  snapshotLsn: number;
  journalBytes: number;
  /** journal size that triggers the next background snapshot (fixed, or adaptive: see snapshotJournalBytes) */
  snapshotThresholdBytes: number;
  snapshots: number;
  /** group commits performed and records they carried (records / commits = batching factor) */
  commits: number;
  records: number;
  health: 'ok' | 'failed';
  lastError: string | null;
}

export interface Engine {
  /** Synchronous read on the in-memory database. */
  read<T>(fn: (r: Reader) => T): T;
  /**
   * Runs `fn` synchronously in BEGIN…COMMIT (ROLLBACK and rethrow if it throws: nothing is
   * journaled). Resolves with fn's result once the record is on disk. Rejects with
   * StoreUnavailableError when the store cannot persist (the transaction is then undone in
   * memory too, by reloading from disk), so callers answer 5xx instead of acknowledging.
   */
  write<T>(fn: (tx: Tx) => T): Promise<T>;
  /**
   * Like write(), but returns as soon as the transaction is committed in memory; its record
   * rides with the next group commit. For bookkeeping that need not be acknowledged durable
   * (token last-used time).
   */
  writeLazy<T>(fn: (tx: Tx) => T): T;
  /** Waits until everything committed so far is on disk. */
  flush(): Promise<void>;
  /** Takes a snapshot now (in the worker) and truncates the journal it covers. */
  snapshot(): Promise<void>;
  stats(): EngineStats;
  /** ArrayBuffer bytes held by the snapshot worker (null until the first snapshot starts it) */
  snapshotWorkerMemory(): Promise<number | null>;
  /** Flushes, stops the worker, closes files. */
  close(): Promise<void>;
  /** Subscribe to engine events: 'error' (persistence failed), 'snapshot', 'recovered'. */
  on(event: 'error' | 'snapshot' | 'recovered', listener: (info: { message: string }) => void): void;
}

/** A write could not be made durable; the SCIM layer answers 503. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
