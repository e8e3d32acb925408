/**
 * Compact builders for attribute definitions. Unset characteristics take the defaults of
 * RFC 7643 §2.2 (required false, caseExact false, mutability readWrite, returned default,
 * uniqueness none), so each schema file lists only what differs from them.
 */
import type { AttributeDef, AttributeType } from './types';

type Extra = Partial<Omit<AttributeDef, 'name' | 'type' | 'description'>>;

/** A single-valued attribute of the given type. */
export function attr(
  name: string,
  type: AttributeType,
  description: string,
  extra: Extra = {},
): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...extra,
  };
}

/** A complex attribute; `multiValued` comes from `extra`. */
export function complex(
  name: string,
  description: string,
  subAttributes: AttributeDef[],
  extra: Extra = {},
): AttributeDef {
  return attr(name, 'complex', description, { ...extra, subAttributes });
}

/**
 * The usual sub-attributes of a multi-valued attribute (RFC 7643 §2.4): value, display, type
 * (with its canonical values) and primary.
 */
export function multiValuedParts(
  what: string,
  canonicalTypes: string[] | undefined,
  value: AttributeDef = attr('value', 'string', `The value of the ${what}.`),
  mutability: AttributeDef['mutability'] = 'readWrite',
): AttributeDef[] {
  return [
    { ...value, mutability },
    attr('display', 'string', 'A human-readable name, primarily used for display purposes.', { mutability }),
    attr('type', 'string', `A label indicating the ${what}'s function.`, {
      mutability,
      ...(canonicalTypes ? { canonicalValues: canonicalTypes } : {}),
    }),
    attr('primary', 'boolean', `A Boolean value indicating the 'primary' or preferred ${what}.`, {
      mutability,
    }),
  ];
}
