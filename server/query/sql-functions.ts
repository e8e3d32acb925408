/**
 * The SQL functions compiled filters and sort keys may call, for the engine's `functions`
 * option (read queries only: journaled writes never call functions, store/types.ts).
 * Registering these exact functions keeps the SQL engine and the in-memory one in agreement.
 */
import { foldSql } from '../domain/fold';
import { dateTimeSql } from '../domain/schema/datetime';
import type { SqlValue } from './sql-target';

export const FILTER_SQL_FUNCTIONS: Record<string, (...args: SqlValue[]) => SqlValue> = {
  /** fold() for caseExact=false comparisons on values without a folded column */
  scim_fold: (v) => foldSql(v),
  /** dateTime normalisation (../schema/datetime.ts) for comparisons and sorting */
  scim_datetime: (v) => dateTimeSql(v),
};
