/**
 * Opens a data directory for reading only, whether or not a server runs on it: the snapshot and
 * the journal are read into an in-memory sql.js database (server/store/engine-recovery.ts with
 * repair off: nothing is truncated, renamed or deleted), the history files and the request log
 * files are read as they are. No file in the directory is created, changed or locked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type StoredSettings } from '../domain/settings';
import type { LogEntry } from '../domain/request-record';
import { readLogFiles } from '../log/log-files';
import { StatementCache } from '../store/engine-apply';
import { loadState } from '../store/engine-recovery';
import { HistoryStore } from '../store/history-store';
import { loadSqlJs } from '../store/sqljs';
import type { Reader } from '../store/types';

export interface OpenedDataDir {
  reader: Reader;
  lsn: number;
  settings: StoredSettings;
  tokenCreationTimes: string[];
  entries: LogEntry[];
  /** null for a directory written before resource history existed */
  history: HistoryStore | null;
  close(): void;
}

/** A snapshot taken by a running server can delete journal segments between listing and reading them. */
const ATTEMPTS = 5;

export async function openDataDirReadOnly(dataDir: string, wasmPath?: string): Promise<OpenedDataDir> {
  const dbDir = join(dataDir, 'db');
  if (!existsSync(dbDir)) throw new Error(`${dataDir} holds no ScimDesk database (no db/ folder)`);
  const SQL = await loadSqlJs(wasmPath);
  let state: ReturnType<typeof loadState> | null = null;
  let last: unknown;
  for (let i = 0; i < ATTEMPTS && !state; i++) {
    try {
      state = loadState(SQL, dbDir, { repair: false, sides: true });
    } catch (err) {
      last = err;
    }
  }
  if (!state) throw new Error(`could not read ${dbDir}: ${(last as Error).message}`);
  const db = state.db;
  const cache = new StatementCache(db);
  const reader: Reader = { get: (sql, p) => cache.get(sql, p), all: (sql, p) => cache.all(sql, p) };
  const has = (t: string): boolean =>
    reader.get("SELECT 1 AS t FROM sqlite_master WHERE type = 'table' AND name = ?", [t]) !== undefined;
  const saved: Record<string, unknown> = {};
  if (has('settings')) {
    for (const row of reader.all<{ key: string; value: string }>('SELECT key, value FROM settings')) {
      try {
        saved[row.key] = JSON.parse(row.value) as unknown;
      } catch {
        // a value this build cannot read: the default stands
      }
    }
  }
  const settings = {
    ...DEFAULT_SETTINGS,
    ...saved,
    profile: (saved['profile'] as StoredSettings['profile'] | undefined) ?? 'netskope',
    orgKey: (saved['orgKey'] as string | undefined) ?? '',
  } as StoredSettings;
  // Migration 7 moved history into its own files; a directory last opened by an older build may
  // still keep it in the database, or (before migration 3) have none.
  const schemaVersion = reader.get<{ user_version: number }>('PRAGMA user_version');
  let history: HistoryStore | null = null;
  if ((schemaVersion?.user_version ?? 0) >= 7 || has('history')) {
    history = HistoryStore.readOnly(dbDir, state.lsn, state.sides);
    if (has('history') && has('history_truncated')) history.importTable(reader);
  }
  const tokenCreationTimes = has('tokens')
    ? reader.all<{ t: string }>('SELECT creation_time AS t FROM tokens').map((x) => x.t)
    : [];
  const logDir = join(dataDir, 'log');
  return {
    reader,
    lsn: state.lsn,
    settings,
    tokenCreationTimes,
    entries: existsSync(logDir) ? readLogFiles(logDir) : [],
    history,
    close() {
      cache.clear();
      db.close();
    },
  };
}
