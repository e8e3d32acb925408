/**
 * Netskope's tenant custom extension, `urn:ietf:params:scim:schemas:extension:tenant:2.0:User`:
 * one per tenant, created by PUT /Schemas/{id} with admin-defined attributes (docs/netskope.md
 * §5.2–5.3). It starts empty; the attributes are supplied at runtime.
 */
import type { AttributeDef, SchemaDef } from './types';

export const TENANT_EXTENSION_SCHEMA_ID = 'urn:ietf:params:scim:schemas:extension:tenant:2.0:User';

/** The tenant schema holding the given custom attributes (none by default). */
export function tenantExtensionSchema(
  attributes: AttributeDef[] = [],
  name = 'Custom Schema',
  description = 'Tenant custom user attributes',
): SchemaDef {
  return { id: TENANT_EXTENSION_SCHEMA_ID, name, description, attributes };
}
