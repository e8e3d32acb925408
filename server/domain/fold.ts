/**
 * Case folding for attributes with caseExact=false (RFC 7643 §2.2, e.g. userName §4.1.1).
 *
 * SQLite's lower() folds ASCII only ("Ä" stays "Ä"), so folded values are computed here, in
 * JavaScript, stored in indexed `*_ci` columns, and the same function is registered in sql.js
 * as `scim_fold` for ad-hoc comparisons on JSON attributes. Write statements never call the
 * UDF (they receive folded values as parameters), so journal replay does not depend on it.
 */
export function fold(value: string): string {
  return value.normalize('NFC').toLowerCase();
}

/** SQL-facing variant: passes null through and stringifies other scalars. */
export function foldSql(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return fold(String(value));
}
