/**
 * PATCH paths (RFC 7644 §3.5.2: `PATH = attrPath / valuePath [subAttr]`) and the few questions
 * PATCH asks of a value filter. The grammar itself belongs to ../filter, whose parsePatchPath
 * already answers malformed paths and filters with invalidPath (RFC 7644 §3.12).
 */
import { ScimError } from '../../domain/errors';
import { parsePatchPath, type Filter } from '../../query';
import type { PatchPath } from './types';

/**
 * Parses a PATCH path with the filter module's grammar; `where` (e.g. `Operations[2]`) prefixes
 * the message. Throws 400 invalidPath for anything malformed, including a bad value filter.
 */
export function parsePath(text: string, where = ''): PatchPath {
  try {
    return parsePatchPath(text);
  } catch (e) {
    if (e instanceof ScimError && where) throw new ScimError(e.status, `${where}: ${e.message}`, e.scimType);
    throw e;
  }
}

/**
 * The ids a members filter names when it is `value eq "<id>"` or an `or` of those (Okta's
 * `members[value eq "…"]`, okta.md Q6); undefined for any other filter.
 */
export function valueEqIds(filter: Filter): string[] | undefined {
  if (filter.kind === 'compare') {
    const p = filter.path;
    const isValue = p.attr.toLowerCase() === 'value' && p.sub === undefined && p.uri === undefined;
    return isValue && filter.op === 'eq' && typeof filter.value === 'string' ? [filter.value] : undefined;
  }
  if (filter.kind === 'or') {
    const l = valueEqIds(filter.left);
    const r = l && valueEqIds(filter.right);
    return l && r ? [...new Set([...l, ...r])] : undefined;
  }
  return undefined;
}

/**
 * The element a filter of `eq` terms joined by `and` describes, e.g. `{type: "work"}` for
 * `type eq "work"`; undefined when the filter is anything else.
 */
export function termsOf(filter: Filter): Record<string, unknown> | undefined {
  if (filter.kind === 'compare') {
    const p = filter.path;
    if (p.sub !== undefined || p.uri !== undefined || filter.op !== 'eq' || filter.value === null)
      return undefined;
    return { [p.attr]: filter.value };
  }
  if (filter.kind === 'and') {
    const l = termsOf(filter.left);
    const r = termsOf(filter.right);
    return l && r ? { ...l, ...r } : undefined;
  }
  return undefined;
}
