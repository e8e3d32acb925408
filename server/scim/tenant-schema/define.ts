/**
 * Creating, changing and deleting the tenant's custom schema, shared by the SCIM endpoint
 * (PUT/PATCH/DELETE /Schemas/{id}) and the console. Netskope refuses to change or drop an
 * attribute that users hold values for ("Cannot update existing attribute. Attribute is in Use",
 * docs/netskope.md §5.3); a description edit is allowed, as it changes no behaviour.
 */
import { badRequest } from '../../domain/errors';
import {
  changesBehaviour,
  parseCustomAttributes,
  TENANT_EXTENSION_SCHEMA_ID,
  tenantExtensionSchema,
  type SchemaDef,
} from '../../domain/schema';
import type { Tenant } from '../tenant';

const DEFAULT_NAME = 'Custom Schema';
const DEFAULT_DESCRIPTION = 'Tenant custom user attributes';

/** A full schema from `{name?, description?, attributes}` (PUT body, console form). */
export function schemaFrom(input: {
  name?: unknown;
  description?: unknown;
  attributes?: unknown;
}): SchemaDef {
  const name = input.name ?? DEFAULT_NAME;
  const description = input.description ?? DEFAULT_DESCRIPTION;
  if (typeof name !== 'string' || !name.trim() || name.length > 256) {
    throw badRequest('"name" must be a non-empty string of at most 256 characters', 'invalidValue');
  }
  if (typeof description !== 'string' || description.length > 1024) {
    throw badRequest('"description" must be a string of at most 1024 characters', 'invalidValue');
  }
  return tenantExtensionSchema(parseCustomAttributes(input.attributes ?? []), name.trim(), description);
}

/**
 * Stores `next` (null deletes the schema) after checking that no attribute in use is changed
 * or dropped. The check and the write are one transaction, so a user written meanwhile cannot
 * slip a value in between.
 */
export async function defineCustomSchema(t: Tenant, next: SchemaDef | null): Promise<SchemaDef | null> {
  if (next && next.id !== TENANT_EXTENSION_SCHEMA_ID) throw new Error('not the tenant schema');
  await t.store.engine.write((tx) => {
    const current = t.store.customSchema.get(tx);
    const used = t.store.customSchema.inUse(tx);
    for (const before of current?.attributes ?? []) {
      if (!used.has(before.name.toLowerCase())) continue;
      const after = next?.attributes.find((a) => a.name.toLowerCase() === before.name.toLowerCase());
      if (!after || changesBehaviour(before, after)) {
        throw badRequest(
          `Cannot update existing attribute. Attribute is in Use: users hold values for "${before.name}"; clear them first`,
          'mutability',
        );
      }
    }
    t.store.customSchema.save(tx, next);
  });
  t.customSchema = next;
  t.onSchemaChanged();
  return next;
}
