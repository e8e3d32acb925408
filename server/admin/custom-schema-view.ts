/** The tenant's custom schema as the console shows it (docs/schemas.md). */
import type { ScimDeskCore } from '../core';
import type { CustomAttribute, CustomSchemaView } from './contract';

export function customSchemaView(core: ScimDeskCore): CustomSchemaView | null {
  const schema = core.tenant.customSchema;
  if (!schema) return null;
  const used = core.store.engine.read((r) => core.store.customSchema.inUse(r));
  return {
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map((a): CustomAttribute => ({
      name: a.name,
      type: a.type as CustomAttribute['type'],
      multiValued: a.multiValued,
      required: a.required,
      caseExact: a.caseExact,
      mutability: a.mutability,
      returned: a.returned,
      uniqueness: a.uniqueness,
      description: a.description,
    })),
    inUse: schema.attributes.filter((a) => used.has(a.name.toLowerCase())).map((a) => a.name),
  };
}
