/**
 * The schemas this tenant serves and resolves attributes against: core User with the
 * enterprise extension and, once an admin created it, the tenant's custom schema; core Group
 * (docs/netskope.md §5.2, §5.3). `…:extension:netskope:2.0:User` is not among them: Netskope
 * documents none of its attributes, so what a client sends under it is recorded as ignored.
 */
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type SchemaDef } from '../domain/schema';

const BASE_USER_SCHEMAS: SchemaDef[] = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA];
const GROUP_SCHEMAS: SchemaDef[] = [GROUP_SCHEMA];

let lastCustom: SchemaDef | null = null;
let lastWithCustom: SchemaDef[] = BASE_USER_SCHEMAS;

/** The user schemas with `custom` (the tenant schema) appended; the same array while it is unchanged. */
export const userSchemas = (custom: SchemaDef | null = null): SchemaDef[] => {
  if (custom === null) return BASE_USER_SCHEMAS;
  if (custom !== lastCustom) {
    lastCustom = custom;
    lastWithCustom = [...BASE_USER_SCHEMAS, custom];
  }
  return lastWithCustom;
};
export const groupSchemas = (): SchemaDef[] => GROUP_SCHEMAS;
