/** Key/value settings, each value JSON. */
import type { Reader, Tx } from './types';

export class SettingsRepo {
  all(r: Reader): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const row of r.all<{ key: string; value: string }>('SELECT key, value FROM settings')) {
      out[row.key] = JSON.parse(row.value) as unknown;
    }
    return out;
  }

  set(tx: Tx, key: string, value: unknown): void {
    tx.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      [key, JSON.stringify(value)],
    );
  }
}
