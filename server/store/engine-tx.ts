/**
 * One write transaction: BEGIN, the caller's function, COMMIT, recording each statement that
 * succeeded as `[sql, params]` for the journal. If the function throws (or returns a promise,
 * which would let the transaction interleave with others) the transaction is rolled back and
 * nothing is recorded.
 */
import type { JournalStatement, StatementCache } from './engine-apply';
import type { SqlParams, Tx } from './types';

/** Runs a multi-statement script (migrations); journaled with params `null`. */
export type Script = (sql: string) => void;

export interface TxOutcome<T> {
  result: T;
  /** statements to journal, in order; empty for a read-only transaction */
  statements: JournalStatement[];
  /** side entries (JSON texts) to journal with them (Tx.side) */
  sides: string[];
}

export function runTransaction<T>(
  cache: StatementCache,
  fn: (tx: Tx, script: Script) => T,
  /** whether Tx.side may be used (the engine has a SideLog) */
  sidesAllowed = false,
): TxOutcome<T> {
  const statements: JournalStatement[] = [];
  const sides: string[] = [];
  const tx: Tx = {
    run: (sql: string, params: SqlParams = []) => {
      const r = cache.run(sql, params);
      // Recorded only once it succeeded: a failed statement changed nothing (SQLite undoes it).
      statements.push([sql, params]);
      return r;
    },
    get: (sql, params) => cache.get(sql, params),
    all: (sql, params) => cache.all(sql, params),
    side: (entry) => {
      if (!sidesAllowed) throw new Error('this engine has no side log for side entries');
      sides.push(entry);
    },
  };
  const script: Script = (sql) => {
    cache.db.exec(sql);
    statements.push([sql, null]);
  };
  cache.exec('BEGIN', []);
  let result: T;
  try {
    result = fn(tx, script);
    if (typeof (result as { then?: unknown } | null)?.then === 'function') {
      throw new TypeError('engine write callbacks must be synchronous');
    }
    cache.exec('COMMIT', []);
  } catch (err) {
    try {
      cache.exec('ROLLBACK', []);
    } catch {
      // SQLite already rolled back
    }
    throw err;
  }
  return { result, statements, sides };
}
