/**
 * The JSON Schema of a `--faults FILE`, generated from the zod schema (zod 4's toJSONSchema) so
 * the two cannot drift: docs/faults.schema.json is this output, and
 * test/faults/json-schema.test.ts fails when the committed file differs. Cross-field rules
 * (status or delayMs or drop, unique names, valid regular expressions) are checked by
 * ScimDesk only: JSON Schema editors see the shapes and bounds.
 */
import { z } from 'zod';
import { faultFileSchema } from './rule-schema';

export function faultFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(faultFileSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://scimdesk.invalid/faults.schema.json',
    title: 'ScimDesk fault rules (npm run serve -- --faults FILE)',
  };
}

export const faultFileJsonSchemaText = (): string => `${JSON.stringify(faultFileJsonSchema(), null, 2)}\n`;
