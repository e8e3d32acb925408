/** Writes docs/faults.schema.json from the zod schema (`npx tsx scripts/faults-schema.ts`). */
import { writeFileSync } from 'node:fs';
import { faultFileJsonSchemaText } from '../server/faults/json-schema';

writeFileSync(new URL('../docs/faults.schema.json', import.meta.url), faultFileJsonSchemaText());
