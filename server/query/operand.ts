/**
 * Comparison semantics shared by the SQL compiler and the in-memory evaluator
 * (RFC 7644 §3.4.2.2):
 * - string/reference attributes with caseExact=false compare folded (../domain/fold.ts), others
 *   exactly; ordering is by code point, which is what SQLite's BINARY collation does on UTF-8;
 * - numbers compare numerically, dateTimes as instants (../schema/datetime.ts);
 * - gt/ge/lt/le on boolean or binary attributes are invalidFilter, as the RFC requires; so are
 *   co/sw/ew on booleans, numbers and binaries (the RFC defines them for strings);
 * - a value of the wrong JSON type in the resource never matches;
 * - lenient coercions: a number or boolean compared with a string attribute is read as its
 *   text (`externalId eq 12345`), "true"/"false" strings with a boolean attribute as booleans.
 */
import { invalidFilter } from '../domain/errors';
import { fold } from '../domain/fold';
import { normalizeDateTime, type AttributeDef } from '../domain/schema';
import type { CompValue, CompareOp } from './ast';

/** How a comparison is carried out. */
export type Kind = 'string' | 'boolean' | 'number' | 'dateTime' | 'binary';

/** A compValue prepared for one attribute. */
export interface Operand {
  kind: Kind;
  /** whether strings are folded on both sides */
  folded: boolean;
  /** string ops on dateTimes work on the raw text */
  op: CompareOp;
  value: string | number | boolean;
}

/** The comparison kind of an attribute; unknown attributes take the compared value's type. */
export function kindOf(def: AttributeDef | undefined, value: CompValue): Kind {
  if (!def) return typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string';
  switch (def.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'decimal':
      return 'number';
    case 'dateTime':
      return 'dateTime';
    case 'binary':
      return 'binary';
    default:
      return 'string';
  }
}

const ORDERING = new Set<CompareOp>(['gt', 'ge', 'lt', 'le']);
const SUBSTRING = new Set<CompareOp>(['co', 'sw', 'ew']);

/**
 * Checks that `op` applies to the attribute and converts the compValue. `op` is never 'ne'
 * (compiled as not-eq) and `value` never null (compiled as presence).
 */
export function prepareOperand(
  def: AttributeDef | undefined,
  op: CompareOp,
  value: CompValue,
  label: string,
): Operand {
  const kind = kindOf(def, value);
  const bad = (why: string): Error =>
    invalidFilter(`Invalid filter: "${label} ${op} ${JSON.stringify(value)}": ${why}`);
  if (value === null) throw bad('null can only be compared with eq or ne');
  if (kind === 'boolean' || kind === 'binary') {
    if (ORDERING.has(op)) throw bad(`${op} is not defined for ${kind} attributes (RFC 7644 §3.4.2.2)`);
    if (SUBSTRING.has(op)) throw bad(`${op} is not defined for ${kind} attributes`);
  }
  if (kind === 'number' && SUBSTRING.has(op)) throw bad(`${op} is not defined for numeric attributes`);
  if (typeof value === 'string' && value.includes('\u0000'))
    throw bad('NUL characters are not allowed in values');

  switch (kind) {
    case 'boolean': {
      const b = typeof value === 'string' ? { true: true, false: false }[value.toLowerCase()] : value;
      if (typeof b !== 'boolean') throw bad('expected true or false');
      return { kind, folded: false, op, value: b };
    }
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw bad('expected a number');
      return { kind, folded: false, op, value: n };
    }
    case 'dateTime': {
      if (typeof value !== 'string') throw bad('expected a dateTime string');
      if (SUBSTRING.has(op)) return { kind: 'string', folded: false, op, value };
      const at = normalizeDateTime(value);
      if (at === null) throw bad('not a valid dateTime (RFC 7643 §2.3.5)');
      return { kind, folded: false, op, value: at };
    }
    default: {
      const text = String(value);
      const folded = kind === 'string' && !(def?.caseExact ?? false);
      return { kind, folded, op, value: folded ? fold(text) : text };
    }
  }
}

/** Code point order, the order SQLite's BINARY collation gives UTF-8 text. */
export function compareText(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function ordered(cmp: number, op: CompareOp): boolean {
  switch (op) {
    case 'eq':
      return cmp === 0;
    case 'gt':
      return cmp > 0;
    case 'ge':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    case 'le':
      return cmp <= 0;
    default:
      return false;
  }
}

/** Whether one stored value satisfies the operand (in-memory engine). */
export function matchesOperand(stored: unknown, o: Operand): boolean {
  switch (o.kind) {
    case 'boolean':
      return typeof stored === 'boolean' && stored === o.value;
    case 'number':
      return typeof stored === 'number' && ordered(stored - (o.value as number), o.op);
    case 'dateTime': {
      const at = typeof stored === 'string' ? normalizeDateTime(stored) : null;
      return at !== null && ordered(compareText(at, o.value as string), o.op);
    }
    default: {
      if (typeof stored !== 'string') return false;
      const s = o.folded ? fold(stored) : stored;
      const v = o.value as string;
      if (o.op === 'co') return s.includes(v);
      if (o.op === 'sw') return s.startsWith(v);
      if (o.op === 'ew') return s.endsWith(v);
      return ordered(compareText(s, v), o.op);
    }
  }
}

/**
 * Presence (RFC 7644 §3.4.2.2 `pr`: "has a non-empty value, or … a non-empty node for complex
 * attributes"): not null, not "", an array with a non-empty element, an object with a
 * non-empty member. "Non-empty" for elements and members is shallow: not null, not "", not
 * [] or {}.
 */
export function isPresent(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(isShallowPresent);
  if (v !== null && typeof v === 'object') return Object.values(v).some(isShallowPresent);
  return isShallowPresent(v);
}

function isShallowPresent(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}
