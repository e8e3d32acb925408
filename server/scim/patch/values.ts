/**
 * Checks a PATCH value against its attribute definition (RFC 7643 §2.3 data types) and returns
 * it in canonical form: sub-attribute names spelled as the schema spells them, Entra's
 * "True"/"False" strings turned into booleans (unless strictBooleans). Attributes without a
 * definition pass through untouched: the resource type's own validation decides what to keep.
 */
import { invalidValue } from '../../domain/errors';
import { normalizeDateTime, type AttributeDef } from '../../domain/schema';
import { XSD_DATE_TIME } from '../../domain/schema/datetime';
import { cloneJson, isPlainObject, type Json } from './objects';

export interface ValueOptions {
  strictBooleans?: boolean;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function fail(label: string, expected: string, v: unknown, section: string): never {
  throw invalidValue(`Attribute "${label}" must be ${expected} (RFC 7643 ${section}); got ${describe(v)}`);
}

/** Finds a sub-attribute definition case-insensitively. */
export function subDef(def: AttributeDef | undefined, name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return def?.subAttributes?.find((s) => s.name.toLowerCase() === lower);
}

function scalar(def: AttributeDef, v: unknown, label: string, opts: ValueOptions): unknown {
  switch (def.type) {
    case 'boolean':
      if (typeof v === 'boolean') return v;
      // Entra sends `"value":"False"` for active (a known deviation from RFC 7643 §2.3.2);
      // accepting it is what lets an Entra-driven deactivation work at all.
      if (!opts.strictBooleans && typeof v === 'string') {
        const t = v.trim().toLowerCase();
        if (t === 'true') return true;
        if (t === 'false') return false;
      }
      return fail(label, 'a boolean', v, '§2.3.2');
    case 'integer':
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      return fail(label, 'an integer', v, '§2.3.4');
    case 'decimal':
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      return fail(label, 'a number', v, '§2.3.3');
    case 'dateTime':
      // RFC 7643 §2.3.5 xsd:dateTime, checked as the resource validation checks it, and a real date.
      if (typeof v === 'string' && XSD_DATE_TIME.test(v) && normalizeDateTime(v) !== null) return v;
      return fail(label, 'an xsd:dateTime string', v, '§2.3.5');
    case 'complex':
      return complex(def, v, label, opts);
    default:
      // string, reference, binary: JSON strings (RFC 7643 §2.3.1, §2.3.6, §2.3.7)
      if (typeof v === 'string') return v;
      return fail(label, 'a string', v, '§2.3.1');
  }
}

function complex(def: AttributeDef, v: unknown, label: string, opts: ValueOptions): Json {
  if (typeof v === 'string' && !def.multiValued && subDef(def, 'value')) {
    // Entra sends the enterprise `manager` as a bare id string
    // (`"path":"urn:…:enterprise:2.0:User:manager","value":"<id>"`); it can only mean {value}.
    return { [subDef(def, 'value')?.name ?? 'value']: v };
  }
  if (!isPlainObject(v)) return fail(label, 'an object of sub-attributes', v, '§2.3.8');
  const out: Json = {};
  for (const [key, sub] of Object.entries(v)) {
    const sd = subDef(def, key);
    const name = sd?.name ?? key;
    // RFC 7643 §2.5: null is "unassigned"; callers treat an absent sub-attribute the same way.
    if (sub === null || sub === undefined) {
      out[name] = null;
      continue;
    }
    out[name] = sd ? checkValue(sd, sub, `${label}.${name}`, opts) : sub;
  }
  return out;
}

/**
 * Checks one value. For a multi-valued attribute the value is the whole list (a single element
 * is accepted and wrapped: RFC 7644 §3.5.2.1 "a new value is added"); pass `element: true` to
 * check one element. Returns a fresh canonical copy; null passes through (unassign).
 */
export function checkValue(
  def: AttributeDef | undefined,
  v: unknown,
  label: string,
  opts: ValueOptions,
  element = false,
): unknown {
  if (v === null || v === undefined) return null;
  if (!def) return cloneJson(v);
  if (def.multiValued && !element) {
    const list = Array.isArray(v) ? v : [v];
    return list.map((e, i) => {
      if (e === null || e === undefined) fail(`${label}[${i}]`, 'a value', e, '§2.4');
      return scalar(def, e, label, opts);
    });
  }
  if (Array.isArray(v)) return fail(label, 'a single value', v, '§2.4');
  return scalar(def, v, label, opts);
}
