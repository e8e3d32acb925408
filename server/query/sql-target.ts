/**
 * How a resource table looks to the filter compiler: which attributes have their own (indexed)
 * columns, where the SCIM JSON is, and which multi-valued attributes live in other tables.
 */
import type { SchemaDef } from '../domain/schema';

/** A value bound to or read from SQLite through sql.js (numbers, text, NULL). */
export type SqlValue = string | number | null;

/** A column holding one singular attribute. */
export interface ColumnSpec {
  /** SQL expression of the value, e.g. `u.user_name` */
  expr: string;
  /**
   * Column holding fold(value) (../domain/fold.ts) for caseExact=false attributes: `userName eq` then
   * compares `u.user_name_ci = ?` and uses its index. Without it the compiler folds with the
   * `scim_fold` SQL function (no index, and not allowed in journaled writes).
   */
  foldedExpr?: string;
  /**
   * How the column stores the value: 'boolean' as 0/1, 'dateTime' as normalised ISO-8601 UTC
   * text (`toISOString()`), 'integer' as a number; default 'string'.
   */
  type?: 'string' | 'boolean' | 'dateTime' | 'integer';
  /**
   * For columns the schemas do not describe (e.g. `value` in a member-row target): compare
   * case-insensitively? Default: only when `foldedExpr` is given.
   */
  caseExact?: boolean;
}

/** A multi-valued attribute stored in another table. */
export interface RelationSpec {
  /** an EXISTS (…) expression with one `%s` where the condition on one value goes */
  exists: string;
  /** sub-attributes of one value (keyed by lower-cased name) */
  columns: Record<string, ColumnSpec>;
}

/** The table a filter is compiled for. */
export interface SqlTarget {
  /** core schema first, then the extension schemas */
  schemas: SchemaDef[];
  /** alias of the resource table in the outer query, e.g. 'u' */
  table: string;
  /** the stored SCIM resource JSON (without id/meta), e.g. 'u.resource' */
  jsonColumn: string;
  /**
   * Columns keyed by lower-cased full attribute path: 'id', 'username', 'name.givenname',
   * 'meta.created', 'urn:…:enterprise:2.0:user:department'. Used for singular attributes only:
   * a column can't hold every value of a multi-valued attribute.
   */
  columns: Record<string, ColumnSpec>;
  /** multi-valued attributes kept in other tables, keyed by lower-cased attribute name */
  relations?: Record<string, RelationSpec>;
}
