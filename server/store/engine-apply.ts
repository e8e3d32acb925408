/**
 * Statement execution shared by the main database and the snapshot worker's replica: a bounded
 * cache of prepared statements, and the replay of journaled statements.
 *
 * Why a cache: preparing is a large share of a small statement's cost in sql.js, and the
 * repositories use a few dozen fixed SQL texts. The bound (LRU) keeps texts that vary (IN lists
 * of different lengths) from growing it without limit. Each entry keeps its statement's column
 * names too: sql.js's getAsObject() asks SQLite for every name and decodes it from wasm memory
 * on every row (measured here: 10.3 µs a row for the 15 user columns, 4.6 µs with the names
 * read once).
 */
import type { BindParams, Database, Statement } from 'sql.js';
import type { RunResult, SqlParams, SqlValue } from './types';

/** One journaled statement: params `null` marks a multi-statement script run with exec (migrations). */
export type JournalStatement = [sql: string, params: SqlParams | null];

/** A decoded journal record. */
export interface JournalPayload {
  lsn: number;
  s: JournalStatement[];
  /** side entries (Tx.side in ./types.ts): not applied to the database */
  x?: unknown[];
}

const DEFAULT_MAX_STATEMENTS = 256;

interface Prepared {
  stmt: Statement;
  /** read after the first step (a statement's columns are fixed once it is prepared) */
  columns: string[] | null;
}

/** The current row as {column: value}, as getAsObject() builds it, with the names read once. */
function rowObject(p: Prepared): Record<string, unknown> {
  const columns = (p.columns ??= p.stmt.getColumnNames());
  const values = p.stmt.get();
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i] as string] = values[i];
  return row;
}

export class StatementCache {
  private readonly cache = new Map<string, Prepared>();
  private lastRowid: Statement | null = null;

  constructor(
    readonly db: Database,
    private readonly max = DEFAULT_MAX_STATEMENTS,
  ) {}

  private prepare(sql: string): Prepared {
    const hit = this.cache.get(sql);
    if (hit) {
      // Re-insert so the Map's order is least-recently-used first.
      this.cache.delete(sql);
      this.cache.set(sql, hit);
      return hit;
    }
    const stmt = this.db.prepare(sql);
    const entry: Prepared = { stmt, columns: null };
    this.cache.set(sql, entry);
    if (this.cache.size > this.max) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.get(oldest)?.stmt.free();
      this.cache.delete(oldest);
    }
    return entry;
  }

  /** Executes one statement for its effect. */
  exec(sql: string, params: SqlParams): void {
    const { stmt } = this.prepare(sql);
    try {
      stmt.run(params as BindParams);
    } finally {
      stmt.reset();
    }
  }

  /** Executes one statement and reports sqlite3_changes / last_insert_rowid. */
  run(sql: string, params: SqlParams): RunResult {
    this.exec(sql, params);
    const changes = this.db.getRowsModified();
    this.lastRowid ??= this.db.prepare('SELECT last_insert_rowid()');
    let lastInsertRowid = 0;
    try {
      if (this.lastRowid.step()) lastInsertRowid = this.lastRowid.get()[0] as number;
    } finally {
      this.lastRowid.reset();
    }
    return { changes, lastInsertRowid };
  }

  get<T>(sql: string, params: SqlParams = []): T | undefined {
    const p = this.prepare(sql);
    try {
      p.stmt.bind(params as BindParams);
      return p.stmt.step() ? (rowObject(p) as T) : undefined;
    } finally {
      p.stmt.reset();
    }
  }

  all<T>(sql: string, params: SqlParams = []): T[] {
    const p = this.prepare(sql);
    const rows: T[] = [];
    try {
      p.stmt.bind(params as BindParams);
      while (p.stmt.step()) rows.push(rowObject(p) as T);
    } finally {
      p.stmt.reset();
    }
    return rows;
  }

  /** Frees every cached statement (before db.close() or db.export(), which invalidate them). */
  clear(): void {
    for (const { stmt } of this.cache.values()) stmt.free();
    this.cache.clear();
    this.lastRowid?.free();
    this.lastRowid = null;
  }
}

/** Replays one record's statements (the caller holds the transaction). */
export function applyStatements(cache: StatementCache, statements: readonly JournalStatement[]): void {
  for (const [sql, params] of statements) {
    if (params === null) cache.db.exec(sql);
    else cache.exec(sql, params);
  }
}

/** Parses a journal payload, checking its shape so that damage is reported, not replayed. */
export function parsePayload(payload: string): JournalPayload {
  const value = JSON.parse(payload) as Partial<JournalPayload>;
  if (
    typeof value.lsn !== 'number' ||
    !Number.isSafeInteger(value.lsn) ||
    !Array.isArray(value.s) ||
    (value.x !== undefined && !Array.isArray(value.x))
  ) {
    throw new Error('payload is not a journal record');
  }
  return value as JournalPayload;
}

/**
 * Per-connection settings for a database that lives in sql.js's in-memory file system and whose
 * durability comes from the engine's journal. The default rollback journal (DELETE) creates and
 * removes a file per transaction: measured here at ~90–560 µs per single-row transaction against
 * ~18–23 µs with journal_mode=MEMORY. MEMORY still supports ROLLBACK, which write() needs (OFF
 * would not). locking_mode=EXCLUSIVE because this connection is the file's only user: in NORMAL
 * mode every statement starts a read transaction that takes a lock, looks for a hot journal and
 * re-reads page 1 to validate its cache, all through JS calls into sql.js's file system —
 * measured here at ~31 µs for an indexed count(*) against ~4 µs in EXCLUSIVE mode (10k users).
 * Must be re-applied after db.export(), which reopens the database.
 */
export function tuneDatabase(db: Database): void {
  db.exec(
    'PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA locking_mode = EXCLUSIVE;',
  );
}

/** Reads a single scalar, e.g. PRAGMA user_version. */
export function scalar(db: Database, sql: string): SqlValue | undefined {
  const res = db.exec(sql);
  return res[0]?.values[0]?.[0] as SqlValue | undefined;
}
