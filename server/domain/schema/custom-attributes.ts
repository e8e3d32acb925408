/**
 * The tenant's custom schema, `urn:ietf:params:scim:schemas:extension:tenant:2.0:User`
 * (docs/netskope.md §5.3): what an admin may define in it, checked here once for both ways of
 * defining it (PUT/PATCH /Schemas/{id} over SCIM, and the console's Settings screen).
 *
 * An attribute definition carries the characteristics of RFC 7643 §7. ScimDesk supports the
 * simple types (no `complex`: a custom attribute is one value or a list of values), which is
 * what Netskope's examples show (`customKey: "CustomVal"`, `managerEmail`).
 */
import { invalidValue } from '../errors';
import type { CustomAttributeChoices } from '../settings';
import type { AttributeDef, AttributeType, Mutability, Returned, Uniqueness } from './types';

/** At most this many custom attributes: Netskope caps custom user attributes at 15 (docs/netskope.md §14). */
export const MAX_CUSTOM_ATTRIBUTES = 15;
export const MAX_DESCRIPTION_LENGTH = 1024;

export const CUSTOM_ATTRIBUTE_TYPES: readonly AttributeType[] = [
  'string',
  'boolean',
  'integer',
  'decimal',
  'dateTime',
  'reference',
  'binary',
];
const MUTABILITIES: readonly Mutability[] = ['readWrite', 'immutable', 'readOnly', 'writeOnly'];
const RETURNED: readonly Returned[] = ['default', 'always', 'request', 'never'];
const UNIQUENESS: readonly Uniqueness[] = ['none', 'server', 'global'];

/** What the console's custom schema form offers: the values checked below, defaults first. */
export const CUSTOM_ATTRIBUTE_CHOICES: CustomAttributeChoices = {
  type: CUSTOM_ATTRIBUTE_TYPES,
  uniqueness: UNIQUENESS,
  returned: RETURNED,
  mutability: MUTABILITIES,
};

/** ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA (RFC 7643 §2.1). */
const ATTR_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The editable description of the custom schema. */
export interface CustomSchemaInput {
  name?: string;
  description?: string;
  attributes: AttributeDef[];
}

function pick<T extends string>(
  raw: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = raw[key];
  if (v === undefined || v === null) return fallback;
  const hit = allowed.find((a) => typeof v === 'string' && a.toLowerCase() === v.toLowerCase());
  if (!hit)
    throw invalidValue(`attribute "${String(raw['name'])}": ${key} must be one of ${allowed.join(', ')}`);
  return hit;
}

function flag(raw: Record<string, unknown>, key: string): boolean {
  const v = raw[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean')
    throw invalidValue(`attribute "${String(raw['name'])}": ${key} must be true or false`);
  return v;
}

/**
 * One attribute definition from a client, with RFC 7643 §2.2 defaults for what it leaves out.
 * Keys are matched case-insensitively (RFC 7643 §2.1).
 */
export function parseCustomAttribute(input: unknown): AttributeDef {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw invalidValue('each attribute definition must be an object with at least a "name"');
  }
  const raw: Record<string, unknown> = {};
  for (const k of Object.keys(input)) {
    const lower = k.toLowerCase();
    const canonical = [
      'name',
      'type',
      'multiValued',
      'required',
      'caseExact',
      'mutability',
      'returned',
      'uniqueness',
      'description',
      'canonicalValues',
    ].find((c) => c.toLowerCase() === lower);
    if (!canonical) throw invalidValue(`attribute definition: unknown characteristic "${k}"`);
    raw[canonical] = (input as Record<string, unknown>)[k];
  }
  const name = raw['name'];
  if (typeof name !== 'string' || !ATTR_NAME.test(name)) {
    throw invalidValue(
      `attribute name ${JSON.stringify(name)} is not valid: a letter, then up to 63 letters, digits, "-" or "_" (RFC 7643 §2.1)`,
    );
  }
  const type = pick(raw, 'type', CUSTOM_ATTRIBUTE_TYPES, 'string');
  const multiValued = flag(raw, 'multiValued');
  const uniqueness = pick(raw, 'uniqueness', UNIQUENESS, 'none');
  if (uniqueness !== 'none' && multiValued) {
    throw invalidValue(`attribute "${name}": uniqueness applies to single-valued attributes only`);
  }
  const description = raw['description'] ?? '';
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION_LENGTH) {
    throw invalidValue(
      `attribute "${name}": description must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters`,
    );
  }
  const mutability = pick(raw, 'mutability', MUTABILITIES, 'readWrite');
  const def: AttributeDef = {
    name,
    type,
    multiValued,
    description,
    required: flag(raw, 'required'),
    caseExact: flag(raw, 'caseExact'),
    mutability,
    // RFC 7643 §7: a writeOnly attribute is returned "never".
    returned: mutability === 'writeOnly' ? 'never' : pick(raw, 'returned', RETURNED, 'default'),
    uniqueness,
  };
  const cv = raw['canonicalValues'];
  if (cv !== undefined && cv !== null) {
    if (!Array.isArray(cv) || cv.some((v) => typeof v !== 'string') || type !== 'string') {
      throw invalidValue(
        `attribute "${name}": canonicalValues must be a list of strings, on a string attribute`,
      );
    }
    if (cv.length) def.canonicalValues = cv as string[];
  }
  if (def.required && mutability === 'readOnly') {
    throw invalidValue(
      `attribute "${name}": a required attribute cannot be readOnly (no client could set it)`,
    );
  }
  return def;
}

/** A whole attribute list: valid each, names unique case-insensitively, at most MAX_CUSTOM_ATTRIBUTES. */
export function parseCustomAttributes(input: unknown): AttributeDef[] {
  if (!Array.isArray(input)) throw invalidValue('"attributes" must be an array of attribute definitions');
  const defs = input.map(parseCustomAttribute);
  const seen = new Set<string>();
  for (const d of defs) {
    const key = d.name.toLowerCase();
    if (seen.has(key)) throw invalidValue(`attribute "${d.name}" is defined twice`);
    seen.add(key);
  }
  if (defs.length > MAX_CUSTOM_ATTRIBUTES) {
    throw invalidValue(`the custom schema holds at most ${MAX_CUSTOM_ATTRIBUTES} attributes`);
  }
  return defs;
}

/** True when two definitions differ in anything but the description (what "alter" means for an attribute in use). */
export function changesBehaviour(a: AttributeDef, b: AttributeDef): boolean {
  const strip = ({ description: _d, ...rest }: AttributeDef): string =>
    JSON.stringify(rest, Object.keys(rest).sort());
  return strip(a) !== strip(b);
}
