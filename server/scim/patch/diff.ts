/**
 * Which attributes a PATCH actually changed. Computed by comparing the stored resource with
 * the result rather than by trusting the operations, so an `add` of a value already present
 * (RFC 7644 §3.5.2.1: "shall not change the modify timestamp") reports nothing.
 */
import { deepEqual, isPlainObject, type Json } from './objects';
import { findSchema, labelOf } from './resolve';
import type { ApplyContext } from './types';

/** Keys of two objects, matched case-insensitively; the `after` spelling wins. */
function pairs(before: Json, after: Json): [string, unknown, unknown][] {
  const out = new Map<string, [string, unknown, unknown]>();
  for (const [k, v] of Object.entries(after)) out.set(k.toLowerCase(), [k, undefined, v]);
  for (const [k, v] of Object.entries(before)) {
    const entry = out.get(k.toLowerCase());
    if (entry) entry[1] = v;
    else out.set(k.toLowerCase(), [k, v, undefined]);
  }
  return [...out.values()];
}

/** Changed attributes of one object (the resource, or an extension object). */
function diffObject(before: Json, after: Json, ext: string | undefined, out: string[]): void {
  for (const [key, b, a] of pairs(before, after)) {
    if (deepEqual(b, a)) continue;
    if (isPlainObject(b) && isPlainObject(a)) {
      // A complex attribute: name the sub-attributes (e.g. `name.givenName`).
      for (const [sub, sb, sa] of pairs(b, a)) if (!deepEqual(sb, sa)) out.push(labelOf(ext, key, sub));
    } else {
      out.push(labelOf(ext, key));
    }
  }
}

/**
 * Canonical paths that differ between `before` and `after`: `active`, `name.givenName`,
 * `emails` (a multi-valued attribute is reported whole), `urn:…:enterprise:2.0:User:department`.
 */
export function changedPaths(before: Json, after: Json, ctx: ApplyContext): string[] {
  const out: string[] = [];
  const extensions: string[] = [];
  const core: Json = {};
  const coreBefore: Json = {};
  for (const [key, b, a] of pairs(before, after)) {
    const isExt = key.toLowerCase().startsWith('urn:') && (isPlainObject(a) || isPlainObject(b));
    if (isExt) {
      const ext = findSchema(ctx.schemas, key)?.id ?? key;
      diffObject(isPlainObject(b) ? b : {}, isPlainObject(a) ? a : {}, ext, extensions);
    } else {
      if (b !== undefined) coreBefore[key] = b;
      if (a !== undefined) core[key] = a;
    }
  }
  diffObject(coreBefore, core, undefined, out);
  return [...out, ...extensions];
}
