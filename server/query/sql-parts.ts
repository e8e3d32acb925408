/**
 * SQL building blocks for the filter compiler: JSON paths, value sources and the predicates
 * that test them. Every predicate yields 1, 0 or NULL, where NULL always means "no match"
 * (the compiler wraps `NOT` operands in COALESCE so that holds under negation too).
 */
import { invalidFilter } from '../domain/errors';
import type { Operand } from './operand';
import type { ColumnSpec } from './sql-target';

/** Where a value is read from. */
export type Src =
  | { kind: 'column'; col: ColumnSpec }
  /** json_extract(doc, path) — doc may be a column or an element's JSON */
  | { kind: 'json'; doc: string; path: string }
  /** one element of a json_each over an array of scalars */
  | { kind: 'elem'; alias: string };

const SEGMENT = /^[A-Za-z0-9$_.:-]+$/;

/**
 * A JSON path literal with quoted keys: `'$."urn:…:User"."department"'`. Keys come from the
 * schemas or from the path grammar; anything outside the safe set is refused rather than
 * escaped (SQLite's JSON path syntax has no escape for `"`).
 */
export function jsonPath(...keys: string[]): string {
  for (const k of keys) {
    if (!SEGMENT.test(k)) throw invalidFilter(`Invalid filter: attribute name "${k}" cannot be filtered`);
  }
  return `'$${keys.map((k) => `."${k}"`).join('')}'`;
}

/** Appends keys to a path literal made by jsonPath. */
export function subPath(path: string, key: string): string {
  return `${path.slice(0, -1)}${jsonPath(key).slice(2)}`;
}

/** The JSON of element `alias` when it is an object, else NULL (so json_extract never sees non-JSON). */
export function elemDoc(alias: string): string {
  return `CASE WHEN ${alias}.type = 'object' THEN ${alias}.value END`;
}

export function valueExpr(src: Exclude<Src, { kind: 'column' }>): string {
  return src.kind === 'json' ? `json_extract(${src.doc}, ${src.path})` : `${src.alias}.value`;
}

export function typeExpr(src: Exclude<Src, { kind: 'column' }>): string {
  return src.kind === 'json' ? `json_type(${src.doc}, ${src.path})` : `${src.alias}.type`;
}

/** Shallow non-emptiness of a json_each row (see operand.ts isPresent). */
function shallowPresent(m: string): string {
  return `(${m}.type <> 'null' AND NOT (${m}.type = 'text' AND ${m}.value = '') AND NOT (${m}.type IN ('array', 'object') AND ${m}.value IN ('[]', '{}')))`;
}

/** RFC 7644 §3.4.2.2 `pr` on a JSON value (mirrors operand.ts isPresent). */
export function jsonPresent(doc: string, path: string, alias: string): string {
  const t = `json_type(${doc}, ${path})`;
  const members = `EXISTS (SELECT 1 FROM json_each(${doc}, ${path}) ${alias} WHERE ${shallowPresent(alias)})`;
  return `(CASE ${t} WHEN 'text' THEN json_extract(${doc}, ${path}) <> '' WHEN 'null' THEN 0 ELSE CASE WHEN ${t} IN ('array', 'object') THEN ${members} ELSE ${t} IS NOT NULL END END)`;
}

export const SQL_OP: Record<string, string> = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' };

/** The next code point after the last one of `s`, for `sw` as an index range; undefined if none. */
export function rangeEnd(s: string): string | undefined {
  const chars = [...s];
  const last = chars.pop()?.codePointAt(0);
  if (last === undefined || last >= 0x10ffff) return undefined;
  const next = last === 0xd7ff ? 0xe000 : last + 1;
  return chars.join('') + String.fromCodePoint(next);
}

/** Text comparison of expression `x` with a prepared string operand; null when only presence matters. */
export function textPredicate(
  x: string,
  o: Operand,
  bind: (v: string | number) => string,
  range: boolean,
): string | null {
  const v = o.value as string;
  switch (o.op) {
    case 'co':
      return v === '' ? null : `instr(${x}, ${bind(v)}) > 0`;
    case 'sw': {
      if (v === '') return null;
      const end = range ? rangeEnd(v) : undefined;
      if (end !== undefined) return `(${x} >= ${bind(v)} AND ${x} < ${bind(end)})`;
      return `substr(${x}, 1, ${bind([...v].length)}) = ${bind(v)}`;
    }
    case 'ew':
      return v === '' ? null : `substr(${x}, ${bind(-[...v].length)}) = ${bind(v)}`;
    default:
      return `${x} ${SQL_OP[o.op] ?? '='} ${bind(v)}`;
  }
}

/** Calls a SQL function, or refuses when functions are not allowed (CompileOptions.functions). */
export type SqlFunctionCall = (name: 'scim_fold' | 'scim_datetime', arg: string) => string;

/**
 * The SQL test of one value source against a prepared operand (semantics of operand.ts). JSON
 * values are type-checked first (json_type), so a value of the wrong type never matches and
 * json_extract never sees anything but JSON.
 */
export function predicate(
  src: Src,
  o: Operand,
  bind: (v: string | number) => string,
  fn: SqlFunctionCall,
): string {
  if (src.kind === 'column') {
    const e = src.col.expr;
    switch (o.kind) {
      case 'boolean':
        return `${e} = ${bind(o.value ? 1 : 0)}`;
      case 'number':
        return `${e} ${SQL_OP[o.op]} ${bind(o.value as number)}`;
      case 'dateTime': {
        // Columns typed dateTime hold toISOString() text already: compare directly (indexable).
        const x = src.col.type === 'dateTime' ? e : fn('scim_datetime', e);
        return `${x} ${SQL_OP[o.op]} ${bind(o.value as string)}`;
      }
      default: {
        const x = o.folded ? (src.col.foldedExpr ?? fn('scim_fold', e)) : e;
        const range = !o.folded || src.col.foldedExpr !== undefined;
        return textPredicate(x, o, bind, range) ?? `${x} IS NOT NULL`;
      }
    }
  }
  const v = valueExpr(src);
  const t = typeExpr(src);
  switch (o.kind) {
    case 'boolean':
      return `${t} = '${o.value ? 'true' : 'false'}'`;
    case 'number':
      return `(${t} IN ('integer', 'real') AND ${v} ${SQL_OP[o.op]} ${bind(o.value as number)})`;
    case 'dateTime':
      return `(${t} = 'text' AND ${fn('scim_datetime', v)} ${SQL_OP[o.op]} ${bind(o.value as string)})`;
    default: {
      const x = o.folded ? fn('scim_fold', v) : v;
      const test = textPredicate(x, o, bind, false);
      return test ? `(${t} = 'text' AND ${test})` : `${t} = 'text'`;
    }
  }
}
