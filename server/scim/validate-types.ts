/**
 * Type checks of a resource body against the schemas (RFC 7643 §2.3): `"active": "yes"` or a
 * string where a complex value belongs is 400 invalidValue (RFC 7644 §3.12: "the value
 * specified was not compatible with the operation or attribute type"). Attributes the schemas
 * do not define are not an error here: what to do with them is the caller's policy.
 */
import { invalidValue, type ScimError } from '../domain/errors';
import { parseAttrPath } from '../query/parser';
import type { AttrPath } from '../query/ast';
import { COMMON_ATTRIBUTES } from '../domain/schema/common-attributes';
import { XSD_DATE_TIME } from '../domain/schema/datetime';
import { findAttribute, findSchema, resolveAttribute } from '../domain/schema/resolve';
import type { AttributeDef, SchemaDef } from '../domain/schema/types';

const BASE64 = /^[A-Za-z0-9+/_\-\s]*={0,2}\s*$/;

function pathOrUndefined(key: string): AttrPath | undefined {
  try {
    return parseAttrPath(key);
  } catch {
    return undefined;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

const EXPECTED: Record<AttributeDef['type'], string> = {
  string: 'a string',
  reference: 'a string (a reference, RFC 7643 §2.3.7)',
  binary: 'a base64-encoded string (RFC 7643 §2.3.6)',
  boolean: 'a boolean, true or false (RFC 7643 §2.3.2)',
  integer: 'an integer (RFC 7643 §2.3.4)',
  decimal: 'a number (RFC 7643 §2.3.3)',
  dateTime: 'an xsd:dateTime string such as "2024-05-01T12:00:00Z" (RFC 7643 §2.3.5)',
  complex: 'an object (RFC 7643 §2.3.8)',
};

function fits(v: unknown, def: AttributeDef): boolean {
  switch (def.type) {
    case 'string':
    case 'reference':
      return typeof v === 'string';
    case 'binary':
      return typeof v === 'string' && BASE64.test(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'decimal':
      return typeof v === 'number' && Number.isFinite(v);
    case 'dateTime':
      return typeof v === 'string' && XSD_DATE_TIME.test(v);
    case 'complex':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
}

/** Checks one attribute value; `label` is its path for the message. */
function checkValue(v: unknown, def: AttributeDef, label: string, element = false): ScimError | null {
  if (v === null && !element) return null; // null = unassigned (RFC 7644 §3.5.1)
  if (def.multiValued && !element) {
    if (!Array.isArray(v))
      return invalidValue(`Attribute "${label}" is multi-valued and must be an array, got ${describe(v)}`);
    for (let i = 0; i < v.length; i++) {
      const err = checkValue(v[i], def, `${label}[${i}]`, true);
      if (err) return err;
    }
    return null;
  }
  if (!fits(v, def))
    return invalidValue(`Attribute "${label}" must be ${EXPECTED[def.type]}, got ${describe(v)}`);
  if (def.type === 'complex')
    return checkObject(v as Record<string, unknown>, def.subAttributes ?? [], `${label}.`);
  return null;
}

function checkObject(
  obj: Record<string, unknown>,
  defs: readonly AttributeDef[],
  prefix: string,
): ScimError | null {
  for (const [key, value] of Object.entries(obj)) {
    const def = findAttribute(defs, key);
    if (!def) continue;
    const err = checkValue(value, def, `${prefix}${def.name}`);
    if (err) return err;
  }
  return null;
}

/**
 * Validates the types of a resource body (POST/PUT body, or a path-less PATCH value) against
 * `schemas` (core schema first, then extensions). Extension objects are checked under their
 * URN key; URN-qualified attribute keys (`urn:…:enterprise:2.0:User:department`, as Entra sends
 * in PATCH values) are checked too. Returns the first error, or null.
 */
export function validateResourceTypes(
  body: Record<string, unknown>,
  schemas: readonly SchemaDef[],
): ScimError | null {
  const core = schemas[0];
  if (!core) return null;
  const coreDefs = [...core.attributes, ...COMMON_ATTRIBUTES];
  for (const [key, value] of Object.entries(body)) {
    const ext = key.includes(':') ? findSchema(schemas, key) : undefined;
    if (ext && ext !== core) {
      if (value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        return invalidValue(
          `Extension "${ext.id}" must be an object (RFC 7643 §3.3), got ${describe(value)}`,
        );
      }
      const err = checkObject(value as Record<string, unknown>, ext.attributes, `${ext.id}:`);
      if (err) return err;
      continue;
    }
    if (key.includes(':')) {
      const path = pathOrUndefined(key);
      const hit = path && resolveAttribute(path, schemas);
      if (!hit) continue;
      const err = checkValue(value, hit.def, key);
      if (err) return err;
      continue;
    }
    const def = findAttribute(coreDefs, key);
    if (!def) continue;
    const err = checkValue(value, def, def.name);
    if (err) return err;
  }
  return null;
}
