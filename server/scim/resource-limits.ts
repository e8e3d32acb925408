/**
 * Size limits on one User or Group document, checked before the tenant builds what it stores.
 * The body cap (16 MiB) alone lets a client send ~500,000 attribute names in one POST, and
 * attribute matching is case-insensitive (RFC 7643 §2.1), which costs per name; 10,000 names
 * took ~10 s of one core before this limit (issue 4, "Limits"). Real clients are far below:
 * Okta sends the profile's mapped attributes (a few dozen), and a Netskope tenant stores at most
 * 15 custom attributes (spec/netskope.md §14).
 */
import { ScimError } from '../domain/errors';

/** Most attribute names in one resource: top-level names plus those inside extension objects. */
export const MAX_ATTRIBUTES_PER_RESOURCE = 200;
/** Most values in one multi-valued attribute of a resource (emails, phoneNumbers, …; not members). */
export const MAX_VALUES_PER_ATTRIBUTE = 100;

/**
 * The body of a POST or PUT: a JSON object within the limits, checked before any per-attribute
 * work (type checks, case-insensitive matching). `skip` names the one list allowed to be long.
 */
export function requireResourceObject(
  body: unknown,
  what: 'User' | 'Group',
  skip = '',
): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ScimError(400, 'Not a valid json format: the body must be a JSON object', 'invalidSyntax');
  }
  checkResourceLimits(body as Record<string, unknown>, what, skip);
  return body as Record<string, unknown>;
}

/**
 * Throws 400 invalidValue when `doc` names more than MAX_ATTRIBUTES_PER_RESOURCE attributes or
 * one attribute holds more than MAX_VALUES_PER_ATTRIBUTE values. `skip` names attributes counted
 * elsewhere (a group's members have their own limit).
 */
export function checkResourceLimits(doc: Record<string, unknown>, what: 'User' | 'Group', skip = ''): void {
  let names = 0;
  for (const [key, value] of Object.entries(doc)) {
    if (key.toLowerCase() === skip) continue;
    names++;
    if (key.toLowerCase().startsWith('urn:') && value && typeof value === 'object' && !Array.isArray(value)) {
      names += Object.keys(value).length;
    }
    if (Array.isArray(value) && value.length > MAX_VALUES_PER_ATTRIBUTE) {
      throw new ScimError(
        400,
        `Too many values in "${key}": ${value.length}; a ${what} attribute may hold at most ${MAX_VALUES_PER_ATTRIBUTE}`,
        'invalidValue',
      );
    }
    if (names > MAX_ATTRIBUTES_PER_RESOURCE) {
      throw new ScimError(
        400,
        `Too many attributes: a ${what} may carry at most ${MAX_ATTRIBUTES_PER_RESOURCE} (counting those inside extension objects)`,
        'invalidValue',
      );
    }
  }
}

/**
 * Most attribute names and values all the operations of one PATCH may carry in their `value`s
 * (members excepted: they have their own limit, DEFAULT_MAX_MEMBERS). Applying a path-less value
 * matches every name against the resource, so this keeps a PATCH's cost bounded: 4,000 names in
 * one value took ~2 s before this limit, 100,000 names over ten minutes.
 */
export const MAX_PATCH_VALUE_NAMES = 1000;

function isMembers(name: string | undefined): boolean {
  return name !== undefined && /^members(\b|$)/i.test(name.trim());
}

/** Throws 400 invalidValue when PATCH operation values exceed the limits above. */
export function checkPatchLimits(
  ops: readonly { value?: unknown; raw: { path?: string } }[],
  what: 'User' | 'Group',
): void {
  let names = 0;
  const tooMany = (): ScimError =>
    new ScimError(
      400,
      `Too many attributes and values in one PATCH: at most ${MAX_PATCH_VALUE_NAMES} (members excepted)`,
      'invalidValue',
    );
  for (const op of ops) {
    if (isMembers(op.raw.path)) continue;
    const v = op.value;
    if (Array.isArray(v)) {
      if (v.length > MAX_VALUES_PER_ATTRIBUTE) {
        throw new ScimError(
          400,
          `Too many values for "${op.raw.path ?? ''}": ${v.length}; a ${what} attribute may hold at most ${MAX_VALUES_PER_ATTRIBUTE}`,
          'invalidValue',
        );
      }
      names += v.length;
    } else if (v && typeof v === 'object') {
      const doc = v as Record<string, unknown>;
      checkResourceLimits(doc, what, what === 'Group' ? 'members' : '');
      for (const [key, inner] of Object.entries(doc)) {
        if (isMembers(key)) continue;
        names +=
          1 +
          (key.toLowerCase().startsWith('urn:') && inner && typeof inner === 'object'
            ? Object.keys(inner).length
            : 0);
      }
    }
    if (names > MAX_PATCH_VALUE_NAMES) throw tooMany();
  }
}
