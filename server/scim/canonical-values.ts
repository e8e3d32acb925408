/**
 * Values as the schema names them, before they are stored: sub-attribute names in the case the
 * schema declares (`Primary` is stored as `primary`, RFC 7643 §2.1 makes names
 * case-insensitive), sub-attributes the schema does not declare dropped (and reported), and
 * nulls and empty lists dropped, since an unassigned attribute is omitted (RFC 7643 §2.5).
 * Without this, what a client sent in its own spelling came back in responses that /Schemas
 * does not describe (issue 15).
 */
import { findAttribute, type AttributeDef } from '../domain/schema';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function single(v: unknown, def: AttributeDef, label: string, ignored: string[]): unknown {
  if (v === null || v === undefined) return undefined;
  if (def.type !== 'complex' || !isObj(v)) return v;
  const out: Obj = {};
  for (const [k, sv] of Object.entries(v)) {
    const sub = findAttribute(def.subAttributes, k);
    if (!sub) {
      ignored.push(`${label}.${k}`);
      continue;
    }
    if (sv !== null && sv !== undefined) out[sub.name] = sv;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The canonical form of `value` for `def`, or undefined when nothing is left to store. */
export function canonicalValue(
  value: unknown,
  def: AttributeDef | undefined,
  label: string,
  ignored: string[],
): unknown {
  if (!def) return value === null ? undefined : value;
  if (def.multiValued && Array.isArray(value)) {
    const items = value.map((item) => single(item, def, label, ignored)).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  return single(value, def, label, ignored);
}
