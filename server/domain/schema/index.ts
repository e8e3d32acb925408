/**
 * SCIM schema definitions (RFC 7643 §8.7.1) and the helpers that consult them.
 */
export type {
  AttrPath,
  AttributeDef,
  AttributeType,
  Mutability,
  Returned,
  SchemaDef,
  Uniqueness,
} from './types';
export { USER_SCHEMA, USER_SCHEMA_ID } from './user-schema';
export { ENTERPRISE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA_ID } from './enterprise-user-schema';
export { GROUP_SCHEMA, GROUP_SCHEMA_ID } from './group-schema';
export { TENANT_EXTENSION_SCHEMA_ID, tenantExtensionSchema } from './tenant-extension-schema';
export { COMMON_ATTRIBUTES } from './common-attributes';
export { findAttribute, findSchema, resolveAttribute, type ResolvedAttribute } from './resolve';
export { dateTimeSql, normalizeDateTime } from './datetime';
export { attr, complex } from './build';
export {
  CUSTOM_ATTRIBUTE_TYPES,
  MAX_CUSTOM_ATTRIBUTES,
  changesBehaviour,
  parseCustomAttribute,
  parseCustomAttributes,
} from './custom-attributes';
