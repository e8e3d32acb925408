/**
 * Schema definition types, shaped as RFC 7643 §7 describes them and as `/Schemas` serves
 * them (RFC 7643 §8.7.1).
 */

/** RFC 7643 §2.3 data types. */
export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';

/** RFC 7643 §7 "mutability". */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
/** RFC 7643 §7 "returned". */
export type Returned = 'always' | 'never' | 'default' | 'request';
/** RFC 7643 §7 "uniqueness". */
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute definition (RFC 7643 §7 "attributes"). */
export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  /** only for type 'complex'; RFC 7643 §2.3.8 forbids complex sub-attributes */
  subAttributes?: AttributeDef[];
  canonicalValues?: string[];
  /** only for type 'reference' (RFC 7643 §7 "referenceTypes") */
  referenceTypes?: string[];
}

/** A schema resource (RFC 7643 §7), without the `schemas`/`meta` the discovery route adds. */
export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

/**
 * `[URI ":"] ATTRNAME *1subAttr` (RFC 7644 §3.10). `urn:…:enterprise:2.0:User:manager.value`
 * is `{uri: 'urn:…:enterprise:2.0:User', attr: 'manager', sub: 'value'}`. A bare schema URN
 * parses with its last segment as `attr` (`{uri: 'urn:…:enterprise:2.0', attr: 'User'}`);
 * consumers that accept whole-extension paths test `uri + ':' + attr` against schema ids.
 */
export interface AttrPath {
  uri?: string;
  attr: string;
  sub?: string;
}
