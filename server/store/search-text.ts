/**
 * The console's free-text search (issue 17; docs/console.md "Search"): every searchable value
 * of a row, folded as userName is compared (../domain/fold.ts: NFC + toLowerCase, so "Ä"
 * finds "ä" and "ẞ" finds "ß"), kept in one `search_ci` column per table and matched by
 * substring with instr().
 *
 * Why a column and instr() rather than a full-text table: sql.js's SQLite build has no FTS5
 * (so no trigram tokenizer for substrings), and FTS4 matches word prefixes only ("ebulon"
 * would not find "Zebulon"), writes cost ~2.5× as much (92 against 36 µs a single-row insert)
 * and contentless FTS4 tables cannot delete. Scanning the column through a covering index
 * (`search_ci, deleted`) reads ~15 MB at 100,000 users: ~30 ms a query, measured in the
 * commit that introduced this file. `search_ci` leads the index so that the planner, which has
 * no statistics, never takes it for an equality lookup on `deleted` (Okta's `externalId eq`
 * lookups chose it over users_external_id when `deleted` led; test/scim/filter-sql.test.ts).
 */
import { fold } from '../domain/fold';
import type { SqlValue } from './types';

/** Between values in `search_ci`: whitespace, so no search word can span two values. */
const SEPARATOR = '\n';
/** Words of one search beyond this are ignored (each one is another pass over the text). */
export const MAX_SEARCH_WORDS = 8;

function strings(values: readonly unknown[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** The folded, de-duplicated values joined by a separator (Okta's email is often the userName). */
export function searchText(values: readonly unknown[]): string {
  return [...new Set(strings(values).map(fold))].join(SEPARATOR);
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Users: userName, every email value, given, family and formatted name, displayName,
 * externalId and id (the fields the Users and group-member search boxes name).
 */
export function userSearchText(id: string, resource: Record<string, unknown>): string {
  const name = record(resource['name']);
  const emails = Array.isArray(resource['emails']) ? resource['emails'] : [];
  return searchText([
    resource['userName'],
    ...emails.map((e) => record(e)['value']),
    name['givenName'],
    name['familyName'],
    name['formatted'],
    resource['displayName'],
    resource['externalId'],
    id,
  ]);
}

/** Groups: displayName, externalId and id. */
export function groupSearchText(id: string, resource: Record<string, unknown>): string {
  return searchText([resource['displayName'], resource['externalId'], id]);
}

/**
 * The words of a search box, folded: each must occur in some value ("zebulon quartermaine"
 * finds given name Zebulon with family name Quartermaine). Words contained in another word
 * are dropped, as they cannot narrow the result further.
 */
export function searchWords(text: string): string[] {
  const words = [...new Set(fold(text).split(/\s+/u).filter(Boolean))];
  const kept = words.filter((w) => !words.some((o) => o !== w && o.includes(w)));
  return kept.slice(0, MAX_SEARCH_WORDS);
}

/**
 * SQL condition for these words on rows of `table` under `alias`, or undefined for none.
 *
 * The words are matched in a subquery that only needs `seq` and `search_ci`, so SQLite scans
 * the covering index `<table>_search` and hands the outer query a set of seqs; matched inline,
 * the planner walked the table (in seq order, for the page) or the partial userName index with
 * a row lookup each, reading every stored resource: ~4× slower at 100,000 users.
 */
export function searchCondition(
  table: 'users' | 'groups',
  alias: string,
  words: readonly string[],
): { sql: string; params: readonly SqlValue[] } | undefined {
  if (words.length === 0) return undefined;
  const match = words.map(() => 'instr(s.search_ci, ?) > 0').join(' AND ');
  return { sql: `${alias}.seq IN (SELECT s.seq FROM ${table} s WHERE ${match})`, params: words };
}

/** The same words matched on the row itself: for a few rows already found by other means. */
export function searchRowCondition(
  alias: string,
  words: readonly string[],
): { sql: string; params: readonly SqlValue[] } | undefined {
  if (words.length === 0) return undefined;
  return { sql: words.map(() => `instr(${alias}.search_ci, ?) > 0`).join(' AND '), params: words };
}
