/**
 * SCIM filters (RFC 7644 §3.4.2.2): parse, compile to SQL, evaluate in memory; sortBy
 * (§3.4.2.3); PATCH paths (§3.5.2).
 */
export type {
  AndFilter,
  AttrPath,
  CompareFilter,
  CompareOp,
  CompValue,
  Filter,
  NotFilter,
  OrFilter,
  PatchPath,
  PresentFilter,
  ValuePathFilter,
} from './ast';
export { pathText } from './ast';
export {
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  parseAttrPath,
  parseFilter,
  parsePatchPath,
  type ParseOptions,
} from './parser';
export type { ColumnSpec, RelationSpec, SqlTarget } from './sql-target';
export { compileFilter, type CompiledFilter, type CompileOptions } from './compile-sql';
export { compileSort } from './compile-sort';
export { evaluateFilter, matchesValue } from './evaluate';
export type { FilterOptions } from './locate';
export { FILTER_SQL_FUNCTIONS } from './sql-functions';
