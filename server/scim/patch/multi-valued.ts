/**
 * PATCH on multi-valued attributes (emails, phoneNumbers, addresses, …): append without
 * duplicates, value-filtered replace/remove, sub-attributes of matching elements, and the
 * "one primary" rule of RFC 7643 §2.4.
 */
import { invalidValue, noTarget } from '../../domain/errors';
import type { Filter } from '../../query';
import { deepEqual, deleteCI, getCI, isPlainObject, setCI, type Json } from './objects';
import { elementMatches } from './element-match';
import { termsOf } from './path';
import type { Target } from './resolve';
import type { PatchOpName } from './types';
import { checkValue, subDef, type ValueOptions } from './values';

export interface MultiOp {
  op: PatchOpName;
  target: Target;
  filter?: Filter;
  /** sub-attribute after a value filter (`emails[type eq "work"].value`) or in `emails.value` */
  sub?: string;
  value: unknown;
  /** replace with no match creates from the filter's eq terms (ApplyContext.createOnReplaceNoMatch) */
  createOnNoMatch: boolean;
  opts: ValueOptions;
}

/** Drops null sub-attributes (RFC 7643 §2.5: null means unassigned). */
function compact(v: unknown): unknown {
  if (!isPlainObject(v)) return v;
  const out: Json = {};
  for (const [k, s] of Object.entries(v)) if (s !== null && s !== undefined) out[k] = s;
  return out;
}

function isEmptyElement(v: unknown): boolean {
  return isPlainObject(v) && Object.keys(v).length === 0;
}

/** Merges sub-attributes into an element; a null sub-attribute removes it. */
function mergeInto(element: Json, patch: Json): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined) deleteCI(element, k);
    else setCI(element, k, v);
  }
}

/**
 * RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." The
 * elements this operation wrote win; others lose their primary flag. Two primaries written by
 * one operation are a client error.
 */
function enforcePrimary(list: unknown[], touched: Set<unknown>, label: string): void {
  const isPrimary = (e: unknown): boolean => isPlainObject(e) && getCI(e, 'primary') === true;
  const winners = list.filter((e) => touched.has(e) && isPrimary(e));
  if (winners.length > 1) {
    throw invalidValue(`"${label}": at most one value may have primary true (RFC 7643 §2.4)`);
  }
  if (winners.length === 0) return;
  for (const e of list) if (e !== winners[0] && isPrimary(e)) setCI(e as Json, 'primary', false);
}

/** Applies one operation to the list; returns the new list (empty means unassigned). */
export function applyMulti(current: unknown, m: MultiOp): unknown[] {
  const { target } = m;
  const list: unknown[] =
    current === undefined || current === null ? [] : Array.isArray(current) ? current : [current];
  const sd = m.sub ? subDef(target.def, m.sub) : undefined;
  const subName = sd?.name ?? m.sub;
  const subLabel = `${target.label}.${subName ?? ''}`;
  const touched = new Set<unknown>();

  if (m.filter) {
    const filter = m.filter;
    const matches = list.filter((e) => elementMatches(filter, e, target.def, target.label));
    if (m.op === 'remove') {
      // Removing what is not there is a no-op success (okta.md Q6 applies the same rule to members).
      if (!subName) return list.filter((e) => !matches.includes(e));
      for (const e of matches) if (isPlainObject(e)) deleteCI(e, subName);
      return list.filter((e) => !isEmptyElement(e));
    }
    if (matches.length === 0) {
      // RFC 7644 §3.5.2.3: replace with an unmatched value filter is 400 noTarget. An add with a
      // value path (Entra: `emails[type eq "work"].value` on a user without a work email) and,
      // when asked, a replace create the element the filter describes.
      const terms = m.op === 'add' || m.createOnNoMatch ? termsOf(filter) : undefined;
      if (!terms) throw noTarget(`No value of "${target.label}" matches the filter (RFC 7644 §3.5.2.3)`);
      const created = checkValue(target.def, terms, target.label, m.opts, true) as Json;
      list.push(created);
      matches.push(created);
    }
    for (const e of matches) {
      if (!isPlainObject(e)) throw invalidValue(`"${target.label}" values have no sub-attributes`);
      if (subName) {
        const v = checkValue(sd, m.value, subLabel, m.opts);
        if (v === null) deleteCI(e, subName);
        else setCI(e, subName, v);
        touched.add(e);
      } else {
        const v = checkValue(target.def, m.value, target.label, m.opts, true);
        if (!isPlainObject(v)) throw invalidValue(`"${target.label}[…]" needs an object value`);
        if (m.op === 'replace') {
          // RFC 7644 §3.5.2.3: "all matching record values SHALL be replaced".
          for (const k of Object.keys(e)) Reflect.deleteProperty(e, k);
        }
        mergeInto(e, v);
        touched.add(e);
      }
    }
    const out = list.filter((e) => !isEmptyElement(e));
    enforcePrimary(out, touched, target.label);
    return out;
  }

  if (subName) {
    // `emails.value` without a filter addresses that sub-attribute of every value.
    if (m.op === 'remove') {
      for (const e of list) if (isPlainObject(e)) deleteCI(e, subName);
      return list.filter((e) => !isEmptyElement(e));
    }
    const v = checkValue(sd, m.value, subLabel, m.opts);
    if (list.length === 0 && v !== null) list.push({});
    for (const e of list) {
      if (!isPlainObject(e)) continue;
      if (v === null) deleteCI(e, subName);
      else setCI(e, subName, v);
      touched.add(e);
    }
    const out = list.filter((e) => !isEmptyElement(e));
    enforcePrimary(out, touched, target.label);
    return out;
  }

  if (m.op === 'remove') {
    if (m.value === undefined || m.value === null) return [];
    // Not in RFC 7644, but sent by Entra and Netskope's own clients for members
    // (`remove` + path + value list, netskope.md §8.2): remove the listed values.
    const gone = (Array.isArray(m.value) ? m.value : [m.value]).map((v) => compact(v));
    return list.filter((e) => !gone.some((g) => sameElement(e, g)));
  }
  const checked = checkValue(target.def, m.value, target.label, m.opts);
  // Without a schema definition (an undeclared attribute that already holds a list) the value
  // comes back as sent: a single value is one more element (RFC 7644 §3.5.2.1).
  const incoming = checked === null ? [] : Array.isArray(checked) ? (checked as unknown[]) : [checked];
  const values = incoming.map(compact).filter((v) => !isEmptyElement(v));
  if (m.op === 'replace') {
    // RFC 7644 §3.5.2.3: "the attribute and all values are replaced".
    for (const v of values) touched.add(v);
    enforcePrimary(values, touched, target.label);
    return values;
  }
  // add: RFC 7644 §3.5.2.1, values already present are not added again.
  for (const v of values) {
    if (list.some((e) => deepEqual(e, v))) continue;
    list.push(v);
    touched.add(v);
  }
  enforcePrimary(list, touched, target.label);
  return list;
}

/** Element identity for remove-by-value: the `value` sub-attribute when given, else equality. */
function sameElement(existing: unknown, given: unknown): boolean {
  if (isPlainObject(given) && isPlainObject(existing)) {
    const gv = getCI(given, 'value');
    if (gv !== undefined) return deepEqual(getCI(existing, 'value'), gv);
  }
  return deepEqual(existing, given);
}
