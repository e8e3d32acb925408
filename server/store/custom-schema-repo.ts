/**
 * The tenant's custom schema (docs/netskope.md §5.3) and the per-user index of its values:
 * `user_extension_values` says which attributes are in use (Netskope refuses to alter or delete
 * those) and holds the unique index behind `uniqueness: server|global`.
 */
import { fold } from '../domain/fold';
import type { AttributeDef, SchemaDef } from '../domain/schema';
import type { Reader, Tx } from './types';

/** The value as compared for uniqueness: folded when caseExact is false (RFC 7643 §2.2). */
export function valueKey(def: AttributeDef, value: unknown): string {
  if (typeof value === 'string') return def.caseExact ? value : fold(value);
  return JSON.stringify(value);
}

const isUnique = (d: AttributeDef): boolean => d.uniqueness !== 'none' && !d.multiValued;

export class CustomSchemaRepo {
  get(r: Reader): SchemaDef | null {
    const row = r.get<{ definition: string }>('SELECT definition FROM custom_schema WHERE id = 1');
    return row ? (JSON.parse(row.definition) as SchemaDef) : null;
  }

  save(tx: Tx, schema: SchemaDef | null): void {
    if (schema === null) {
      tx.run('DELETE FROM custom_schema WHERE id = 1');
      tx.run('DELETE FROM user_extension_values');
      return;
    }
    tx.run(
      'INSERT INTO custom_schema (id, definition) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET definition = excluded.definition',
      [JSON.stringify(schema)],
    );
    // A uniqueness change is only allowed on attributes nobody uses, but keep the flag exact.
    for (const d of schema.attributes) {
      tx.run('UPDATE user_extension_values SET is_unique = ? WHERE attr = ?', [
        isUnique(d) ? 1 : 0,
        d.name.toLowerCase(),
      ]);
    }
  }

  /** Names (lower-cased) of the attributes at least one live user has a value for. */
  inUse(r: Reader): Set<string> {
    return new Set(
      r.all<{ attr: string }>('SELECT DISTINCT attr FROM user_extension_values').map((row) => row.attr),
    );
  }

  /**
   * The first unique attribute whose value another user already holds, or null. Checked
   * before writing so the client gets a 409 naming the attribute; the unique index stays as the
   * guarantee.
   */
  findTaken(
    r: Reader,
    userSeq: number | null,
    values: Record<string, unknown>,
    schema: SchemaDef,
  ): string | null {
    for (const d of schema.attributes) {
      const v = values[d.name];
      if (!isUnique(d) || v === undefined || v === null) continue;
      const hit = r.get<{ user_seq: number }>(
        'SELECT user_seq FROM user_extension_values WHERE attr = ? AND value_key = ? AND is_unique = 1',
        [d.name.toLowerCase(), valueKey(d, v)],
      );
      if (hit && hit.user_seq !== userSeq) return d.name;
    }
    return null;
  }

  /** Replaces a user's rows with the values in `values` (the stored extension object). */
  syncValues(
    tx: Tx,
    userSeq: number,
    values: Record<string, unknown> | undefined,
    schema: SchemaDef | null,
  ): void {
    tx.run('DELETE FROM user_extension_values WHERE user_seq = ?', [userSeq]);
    if (!schema || !values) return;
    for (const d of schema.attributes) {
      const v = values[d.name];
      if (v === undefined || v === null) continue;
      tx.run('INSERT INTO user_extension_values (user_seq, attr, value_key, is_unique) VALUES (?, ?, ?, ?)', [
        userSeq,
        d.name.toLowerCase(),
        valueKey(d, v),
        isUnique(d) ? 1 : 0,
      ]);
    }
  }

  clearValues(tx: Tx, userSeq: number): void {
    tx.run('DELETE FROM user_extension_values WHERE user_seq = ?', [userSeq]);
  }
}
