/**
 * Small helpers over plain JSON objects: case-insensitive key lookup (RFC 7643 §2.1: attribute
 * names are case-insensitive) and structural equality.
 */

export type Json = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The key of `obj` spelled like `name` in any case; an exact match wins. */
export function findKey(obj: Json, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

/** Reads `name` case-insensitively. */
export function getCI(obj: Json, name: string): unknown {
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/**
 * Sets `obj[name]`, dropping any other spelling of the same name first, so a resource never
 * holds both `externalid` and `externalId` (Netskope's path enum is lower case, netskope.md §8.1).
 */
export function setCI(obj: Json, name: string, value: unknown): void {
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj))
    if (k !== name && k.toLowerCase() === lower) Reflect.deleteProperty(obj, k);
  obj[name] = value;
}

/** Deletes every spelling of `name`; returns whether something was there. */
export function deleteCI(obj: Json, name: string): boolean {
  const lower = name.toLowerCase();
  let found = false;
  for (const k of Object.keys(obj)) {
    if (k.toLowerCase() === lower) {
      Reflect.deleteProperty(obj, k);
      found = true;
    }
  }
  return found;
}

/**
 * Deep copy of a JSON value. Resources come from JSON.parse and values from a JSON body, so a
 * plain recursive copy is enough, and several times faster than structuredClone on small objects.
 */
export function cloneJson<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(cloneJson) as T;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) out[k] = cloneJson(x);
  return out as T;
}

/** Structural equality of JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  const ka = Object.keys(a as Json);
  const kb = Object.keys(b as Json);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b as Json, k) && deepEqual((a as Json)[k], (b as Json)[k]));
}

/** True when a value counts as unassigned (RFC 7643 §2.5: null, or an empty array). */
export function isUnassigned(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}
