/**
 * Writes docs/faults.schema.json from the zod schema (`npx tsx scripts/faults-schema.ts`),
 * formatted as `npm run lint` expects; test/faults/rule-validation.test.ts fails until it is rerun.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { faultFileJsonSchemaText } from '../server/faults/json-schema';

const file = fileURLToPath(new URL('../docs/faults.schema.json', import.meta.url));
const options = (await resolveConfig(file)) ?? {};
writeFileSync(file, await format(faultFileJsonSchemaText(), { ...options, filepath: file }));
