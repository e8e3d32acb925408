/**
 * Database schema, as migrations applied in order (PRAGMA user_version counts them).
 * Append new scripts; never edit one that has shipped.
 *
 * Why these columns: the SCIM resource is stored whole as JSON (`resource`), and the
 * attributes that filters, uniqueness and sorting hit hardest are copied into indexed columns.
 * caseExact=false attributes get a `*_ci` column holding fold(value) (see ../domain/fold.ts),
 * because SQLite's lower() folds ASCII only. `seq` is the immutable creation order used for
 * stable paging (Okta requires consistent ordering, docs/okta.md Q15).
 * Group members live in their own table so a 100,000-member group is cheap to change.
 */
import type { HistoryStore } from './history-store';
import { groupSearchText, userSearchText } from './search-text';
import type { Migration, Tx } from './types';

/** Rows per SELECT while backfilling, so 100,000 parsed resources are never held at once. */
const BACKFILL_CHUNK = 5000;

/** Fills `search_ci` of every row of `table` already stored (migration 2). */
function backfillSearch(
  tx: Tx,
  table: 'users' | 'groups',
  text: (id: string, resource: Record<string, unknown>) => string,
): void {
  for (let after = 0; ;) {
    const rows = tx.all<{ seq: number; id: string; resource: string }>(
      `SELECT seq, id, resource FROM ${table} WHERE seq > ? ORDER BY seq LIMIT ?`,
      [after, BACKFILL_CHUNK],
    );
    for (const row of rows) {
      const value = text(row.id, JSON.parse(row.resource) as Record<string, unknown>);
      tx.run(`UPDATE ${table} SET search_ci = ? WHERE seq = ?`, [value, row.seq]);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < BACKFILL_CHUNK) return;
    after = last.seq;
  }
}

const TABLE_MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE users (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    user_name TEXT NOT NULL,
    user_name_ci TEXT NOT NULL,
    external_id TEXT,
    display_name TEXT,
    display_name_ci TEXT,
    given_name TEXT,
    family_name TEXT,
    email TEXT,
    email_ci TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    resource TEXT NOT NULL,
    ignored TEXT,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT
  );
  CREATE UNIQUE INDEX users_user_name_ci ON users(user_name_ci) WHERE deleted = 0;
  CREATE INDEX users_external_id ON users(external_id);
  CREATE INDEX users_email_ci ON users(email_ci);
  CREATE INDEX users_display_name_ci ON users(display_name_ci);
  CREATE INDEX users_given_family ON users(family_name, given_name);

  CREATE TABLE groups (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    display_name_ci TEXT NOT NULL,
    external_id TEXT,
    resource TEXT NOT NULL,
    member_count INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT
  );
  CREATE UNIQUE INDEX groups_display_name_ci ON groups(display_name_ci) WHERE deleted = 0;
  CREATE INDEX groups_external_id ON groups(external_id);

  CREATE TABLE group_members (
    group_seq INTEGER NOT NULL,
    user_seq INTEGER NOT NULL,
    added TEXT NOT NULL,
    PRIMARY KEY (group_seq, user_seq)
  ) WITHOUT ROWID;
  CREATE INDEX group_members_user ON group_members(user_seq, group_seq);

  -- Members an IdP tried to add before the user existed (or that named a group): kept so the
  -- console can warn "provision users before pushing the group" (docs/netskope.md §6).
  CREATE TABLE member_warnings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    group_seq INTEGER NOT NULL,
    value TEXT NOT NULL,
    display TEXT,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    request_id TEXT
  );
  CREATE INDEX member_warnings_group ON member_warnings(group_seq);

  -- Netskope's legacy token model {scim_id, client_name, token, creation_time, last_used_time}
  -- (docs/netskope.md §3.2), with the token kept only as a SHA-256 hash.
  CREATE TABLE tokens (
    scim_id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    token_prefix TEXT NOT NULL,
    creation_time TEXT NOT NULL,
    last_used_time TEXT
  );

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2. Console search (issue 17, ./search-text.ts): the folded searchable values of each row,
  //    scanned through a covering index; filled for rows stored before this version.
  {
    sql: `
  ALTER TABLE users ADD COLUMN search_ci TEXT NOT NULL DEFAULT '';
  ALTER TABLE groups ADD COLUMN search_ci TEXT NOT NULL DEFAULT '';
  `,
    backfill: (tx) => {
      backfillSearch(tx, 'users', userSearchText);
      backfillSearch(tx, 'groups', groupSearchText);
    },
    after: `
  CREATE INDEX users_search ON users(search_ci, deleted);
  CREATE INDEX groups_search ON groups(search_ci, deleted);
  `,
  },
  // 3. Resource history (docs/history.md): one row per version, its diff and member changes as
  // JSON (never a copy of the resource or of the member list). `bytes` is the row's share of
  // the retention cap (its running total is kept in memory; migration 5 drops
  // the history_stats row this step made). Truncated resources are remembered so the console can say so.
  `
  CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    resource_name TEXT,
    request_id TEXT,
    token_name TEXT,
    action TEXT,
    kind TEXT NOT NULL,
    diff TEXT NOT NULL,
    members_added TEXT,
    members_removed TEXT,
    added_count INTEGER NOT NULL DEFAULT 0,
    removed_count INTEGER NOT NULL DEFAULT 0,
    fault TEXT,
    bytes INTEGER NOT NULL
  );
  CREATE INDEX history_resource ON history(resource_id, seq);
  CREATE TABLE history_stats (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    bytes INTEGER NOT NULL,
    versions INTEGER NOT NULL
  );
  INSERT INTO history_stats (id, bytes, versions) VALUES (1, 0, 0);
  CREATE TABLE history_truncated (
    resource_id TEXT PRIMARY KEY,
    at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 4. The tenant's custom schema (docs/netskope.md §5.3; docs/schemas.md): its definition, and one
  // row per user and custom attribute so "is this attribute in use?" is one index probe and
  // uniqueness server/global is enforced by a unique index. value_key is the value as compared:
  // fold(value) for caseExact=false strings, the string itself, or the JSON of anything else.
  `
  CREATE TABLE custom_schema (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    definition TEXT NOT NULL
  );
  CREATE TABLE user_extension_values (
    user_seq INTEGER NOT NULL,
    attr TEXT NOT NULL,
    value_key TEXT NOT NULL,
    is_unique INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_seq, attr)
  ) WITHOUT ROWID;
  CREATE INDEX user_extension_values_attr ON user_extension_values(attr, value_key);
  CREATE UNIQUE INDEX user_extension_values_unique ON user_extension_values(attr, value_key) WHERE is_unique = 1;
  `,
  // 5. history_stats goes: updating a stats row on every version cost a third of history's
  // write cost; the total is now kept in memory and counted from the table at start.
  'DROP TABLE history_stats',
  // 6. history as compact rows, without AUTOINCREMENT (docs/history.md "What history costs"):
  // a version is its resource id (indexed) and one JSON array (./history-codec.ts VersionRow), so
  // its INSERT binds two values instead of fifteen and writes about half the bytes. AUTOINCREMENT
  // also read and rewrote sqlite_sequence with every version; without it a seq is the largest
  // seq + 1, and since pruning removes the oldest rows, a seq is only ever given again after a
  // rolled-back write, whose version nobody saw.
  `
  CREATE TABLE history_new (
    seq INTEGER PRIMARY KEY,
    resource_id TEXT NOT NULL,
    v TEXT NOT NULL
  );
  INSERT INTO history_new (seq, resource_id, v)
    SELECT seq, resource_id, json_array(at, resource_type, resource_name, request_id, token_name, action, kind,
      json(diff), json(members_added), json(members_removed), added_count, removed_count, fault)
    FROM history;
  DROP TABLE history;
  ALTER TABLE history_new RENAME TO history;
  CREATE INDEX history_resource ON history(resource_id, seq);
  `,
];

/**
 * The schema, with migration 7 moving history out of the database into its own files
 * (docs/history.md "Where versions are kept"): the versions and truncated marks are written to
 * the history store in `history` (fsynced) before the tables go, and the move skips what the
 * files already hold, so a crash in between loses nothing and repeats nothing.
 */
export function storeMigrations(history: HistoryStore | null): readonly Migration[] {
  return [
    ...TABLE_MIGRATIONS,
    {
      sql: '',
      backfill: (tx) => {
        const rows = tx.get<{ n: number }>('SELECT count(*) AS n FROM history')?.n ?? 0;
        const marks = tx.get<{ n: number }>('SELECT count(*) AS n FROM history_truncated')?.n ?? 0;
        if (rows + marks === 0) return;
        if (!history) throw new Error('moving history out of the database needs the history store');
        history.importTable(tx);
      },
      after: 'DROP TABLE history; DROP TABLE history_truncated;',
    },
  ];
}

/** The schema for a database without history rows to move (tests building tables, read-only tools). */
export const MIGRATIONS: readonly Migration[] = storeMigrations(null);
