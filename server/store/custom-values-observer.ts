/**
 * Keeps `user_extension_values` in step with every user write (a WriteObserver, so no write
 * path can forget it): the rows say which custom attributes are in use, and their unique index
 * enforces `uniqueness: server|global` (409 uniqueness, RFC 7644 §3.3). Runs inside the write's
 * transaction; a conflict rolls the whole write back.
 */
import { conflict } from '../domain/errors';
import { TENANT_EXTENSION_SCHEMA_ID, type SchemaDef } from '../domain/schema';
import type { CustomSchemaRepo } from './custom-schema-repo';
import type { WriteObserver } from './resource-change';

export function customValuesObserver(repo: CustomSchemaRepo, schema: () => SchemaDef | null): WriteObserver {
  return {
    onChange(change, tx) {
      if (change.resource !== 'User') return;
      if (change.op === 'delete') {
        repo.clearValues(tx, change.seq);
        return;
      }
      const s = schema();
      if (!s) return;
      const raw = change.after.resource[TENANT_EXTENSION_SCHEMA_ID];
      const values =
        raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
      const taken = repo.findTaken(tx, change.seq, values, s);
      if (taken) throw conflict(`${s.id}:${taken} must be unique: another user holds this value`);
      repo.syncValues(tx, change.seq, values, s);
    },
  };
}
