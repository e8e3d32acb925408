/**
 * PATCH paths (RFC 7644 §3.5.2: `PATH = attrPath / valuePath [subAttr]`) and the few questions
 * PATCH asks of a value filter. The filter grammar itself belongs to ../filter; this file splits
 * the path around it and maps filter errors to invalidPath, as RFC 7644 §3.5.2 requires.
 */
import { invalidPath, ScimError } from '../errors';
import { matchesValue, parseFilter, type AttrPath, type Filter } from '../filter';
import type { PatchPath } from './types';

/** RFC 7643 §2.1 ATTRNAME (plus `$ref`, RFC 7643 §2.3.7). */
const ATTRNAME = /^\$?[A-Za-z][\w-]*$/;
const MAX_PATH_LENGTH = 1024;

function bad(where: string, text: string, why: string): ScimError {
  return invalidPath(`${where ? `${where}: ` : ''}invalid path "${text}": ${why} (RFC 7644 §3.5.2)`);
}

/** Splits `urn:…:User:name.givenName` into URI and `name.givenName` (RFC 7644 §3.10). */
function parseAttrPath(text: string, where: string, whole: string): AttrPath {
  let uri: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const cut = text.lastIndexOf(':');
    uri = text.slice(0, cut);
    rest = text.slice(cut + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2) throw bad(where, whole, 'at most one sub-attribute level');
  const [attr = '', sub] = parts;
  if (!ATTRNAME.test(attr) && !(uri && attr === ''))
    throw bad(where, whole, `"${attr}" is not an attribute name`);
  if (sub !== undefined && !ATTRNAME.test(sub)) throw bad(where, whole, `"${sub}" is not an attribute name`);
  const out: AttrPath = { attr };
  if (uri) out.uri = uri;
  if (sub !== undefined) out.sub = sub;
  return out;
}

/** Index of the `]` closing the value filter that opens at `open`, skipping quoted strings. */
function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ']') return i;
  }
  return -1;
}

/**
 * Parses a PATCH path. `where` prefixes error messages (e.g. `Operations[2]`).
 * Throws 400 invalidPath for anything malformed, including a malformed value filter.
 */
export function parsePath(text: string, where = ''): PatchPath {
  const path = text.trim();
  if (path.length > MAX_PATH_LENGTH) throw bad(where, path.slice(0, 40) + '…', 'too long');
  const open = path.indexOf('[');
  if (open === -1) return { attr: parseAttrPath(path, where, text) };
  const close = closingBracket(path, open);
  if (close === -1) throw bad(where, text, 'missing "]"');
  const attr = parseAttrPath(path.slice(0, open), where, text);
  if (attr.sub !== undefined)
    throw bad(where, text, 'a value filter follows the attribute, not its sub-attribute');
  let filter: Filter;
  try {
    filter = parseFilter(path.slice(open + 1, close));
  } catch (e) {
    if (e instanceof ScimError) throw bad(where, text, e.message);
    throw e;
  }
  const out: PatchPath = { attr, filter };
  const tail = path.slice(close + 1);
  if (tail !== '') {
    if (!tail.startsWith('.') || !ATTRNAME.test(tail.slice(1)))
      throw bad(where, text, `unexpected "${tail}"`);
    out.sub = tail.slice(1);
  }
  return out;
}

/** Whether one element of a multi-valued attribute matches a value filter. */
export function elementMatches(filter: Filter, element: unknown): boolean {
  return matchesValue(filter, element);
}

/**
 * The ids a members filter names when it is `value eq "<id>"` or an `or` of those (Okta's
 * `members[value eq "…"]`, okta.md Q6); undefined for any other filter.
 */
export function valueEqIds(filter: Filter): string[] | undefined {
  const f = filter as unknown as FilterNode;
  if (f.type === 'compare') {
    const p = f.path;
    const ok =
      p &&
      p.attr.toLowerCase() === 'value' &&
      !p.sub &&
      !p.uri &&
      f.op === 'eq' &&
      typeof f.value === 'string';
    return ok ? [f.value as string] : undefined;
  }
  if (f.type === 'or' && f.left && f.right) {
    const l = valueEqIds(f.left as unknown as Filter);
    const r = l && valueEqIds(f.right as unknown as Filter);
    return l && r ? [...new Set([...l, ...r])] : undefined;
  }
  return undefined;
}

/**
 * The element a filter of `eq` terms joined by `and` describes, e.g. `{type: "work"}` for
 * `type eq "work"`; undefined when the filter is anything else.
 */
export function termsOf(filter: Filter): Record<string, unknown> | undefined {
  const f = filter as unknown as FilterNode;
  if (f.type === 'compare') {
    const p = f.path;
    if (!p || p.sub || p.uri || f.op !== 'eq' || f.value === null) return undefined;
    return { [p.attr]: f.value };
  }
  if (f.type === 'and' && f.left && f.right) {
    const l = termsOf(f.left as unknown as Filter);
    const r = termsOf(f.right as unknown as Filter);
    return l && r ? { ...l, ...r } : undefined;
  }
  return undefined;
}

/** The slice of the filter AST this file inspects. */
interface FilterNode {
  type: string;
  op?: string;
  path?: AttrPath;
  value?: unknown;
  left?: FilterNode;
  right?: FilterNode;
}
