/**
 * `sortBy` (RFC 7644 §3.4.2.3) as an ORDER BY expression. The caller appends ASC/DESC.
 * - caseExact=false strings sort folded (the `*_ci` column when there is one);
 * - a multi-valued attribute sorts by its primary value, else its first (§3.4.2.3);
 * - a complex attribute needs a sub-attribute path (`name.givenName`);
 * - resources without a value sort last ascending and first descending (§3.4.2.3): missing
 *   values become an empty BLOB, which SQLite orders after every number and text.
 * An unknown or unsortable path is 400 invalidValue: RFC 7644 §3.12 lists invalidValue as
 * applicable to GET (§3.4.2), while invalidPath is for PATCH.
 */
import { invalidValue, ScimError } from '../domain/errors';
import { resolveAttribute } from '../domain/schema';
import { pathText } from './ast';
import { defaultSub, locate, type FilterOptions } from './locate';
import { kindOf } from './operand';
import { serverOwned } from './compile-sql';
import { parseAttrPath } from './parser';
import { elemDoc, jsonPath, subPath } from './sql-parts';
import type { SqlTarget } from './sql-target';

const MISSING = "x''";

/** A typed, comparable SQL value of JSON at (doc, path); NULL when absent or of the wrong type. */
function jsonKey(doc: string, path: string, def: Parameters<typeof kindOf>[0], folded: boolean): string {
  const v = `json_extract(${doc}, ${path})`;
  const t = `json_type(${doc}, ${path})`;
  switch (def ? kindOf(def, null) : undefined) {
    case 'boolean':
      return `CASE ${t} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END`;
    case 'number':
      return `CASE WHEN ${t} IN ('integer', 'real') THEN ${v} END`;
    case 'dateTime':
      return `CASE WHEN ${t} = 'text' THEN scim_datetime(${v}) END`;
    case undefined:
      return v;
    default:
      return `CASE WHEN ${t} = 'text' THEN ${folded ? `scim_fold(${v})` : v} END`;
  }
}

/**
 * Compiles a sortBy value to an ORDER BY expression for `target`. Throws ScimError 400
 * invalidValue for paths that cannot be sorted on.
 */
export function compileSort(sortBy: string, target: SqlTarget, options: FilterOptions = {}): string {
  const path = parseAttrPath(sortBy, (d) =>
    invalidValue(`Invalid sortBy: ${d.replace(/^Invalid attribute path: /, '')}`),
  );
  const label = pathText(path);
  if (!resolveAttribute(path, target.schemas)) {
    const col = target.columns[label.toLowerCase()];
    if (col) return `COALESCE(${col.foldedExpr ?? col.expr}, ${MISSING})`;
  }
  let loc;
  try {
    loc = locate(path, target.schemas, options);
  } catch (e) {
    if (e instanceof ScimError) throw invalidValue(`Invalid sortBy: unknown attribute "${label}"`);
    throw e;
  }
  const { top } = loc;
  const keyBase = loc.extension ? `${loc.extension}:${loc.topName}` : loc.topName;
  const base = loc.extension ? jsonPath(loc.extension, loc.topName) : jsonPath(loc.topName);
  const doc = target.jsonColumn;
  if (top?.multiValued) {
    if (target.relations?.[keyBase.toLowerCase()])
      throw invalidValue(`Invalid sortBy: cannot sort by "${label}"`);
    const sub = loc.subName
      ? { def: loc.sub, name: loc.subName }
      : top.type === 'complex'
        ? { def: defaultSub(top, label), name: 'value' }
        : undefined;
    const a = `${target.table}_s`;
    const key = sub
      ? jsonKey(elemDoc(a), jsonPath(sub.name), sub.def, !(sub.def?.caseExact ?? false))
      : !top.caseExact && ['string', 'reference'].includes(top.type)
        ? `CASE WHEN ${a}.type = 'text' THEN scim_fold(${a}.value) END`
        : `${a}.value`;
    const primary = `CASE WHEN json_type(${elemDoc(a)}, '$.primary') = 'true' THEN 0 ELSE 1 END`;
    const pick = `SELECT ${key} AS k FROM json_each(${doc}, ${base}) ${a} WHERE json_type(${doc}, ${base}) = 'array' AND k IS NOT NULL ORDER BY ${primary}, ${a}.key LIMIT 1`;
    return `COALESCE((${pick}), ${MISSING})`;
  }
  const def = loc.subName ? loc.sub : top;
  if (top?.type === 'complex' && !loc.subName) {
    throw invalidValue(
      `Invalid sortBy: "${label}" is complex; sort by one of its sub-attributes (RFC 7644 §3.4.2.3)`,
    );
  }
  const col = target.columns[(loc.subName ? `${keyBase}.${loc.subName}` : keyBase).toLowerCase()];
  const folded = def !== undefined && ['string', 'reference'].includes(def.type) && !def.caseExact;
  if (col) {
    const x = folded ? (col.foldedExpr ?? `scim_fold(${col.expr})`) : col.expr;
    return `COALESCE(${x}, ${MISSING})`;
  }
  if (serverOwned(loc.extension, loc.topName))
    throw invalidValue(`Invalid sortBy: cannot sort by "${label}"`);
  const p = loc.subName ? subPath(base, loc.subName) : base;
  return `COALESCE(${jsonKey(doc, p, def, folded)}, ${MISSING})`;
}
