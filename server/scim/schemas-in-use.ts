/**
 * The schemas this tenant serves and resolves attributes against: core User with the
 * enterprise, tenant (custom, empty until defined) and Netskope extensions, and core Group
 * (spec/netskope.md §5.2, §12).
 */
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
  tenantExtensionSchema,
  type SchemaDef,
} from '../domain/schema';
import { NETSKOPE_URN } from './urns';

const NETSKOPE_EXTENSION: SchemaDef = {
  id: NETSKOPE_URN,
  name: 'NetskopeUser',
  description: 'Netskope user extension (advertised by the tenant; no attributes are stored through SCIM)',
  attributes: [],
};

const USER_SCHEMAS: SchemaDef[] = [
  USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  tenantExtensionSchema(),
  NETSKOPE_EXTENSION,
];
const GROUP_SCHEMAS: SchemaDef[] = [GROUP_SCHEMA];

export const userSchemas = (): SchemaDef[] => USER_SCHEMAS;
export const groupSchemas = (): SchemaDef[] => GROUP_SCHEMAS;
