/** Shared set-up for the engine tests: temp data dirs and a tiny key/value schema. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../server/store/engine';
import type { Engine, EngineOptions } from '../../server/store/types';

export const KV_MIGRATIONS = [
  'CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)',
  'CREATE INDEX kv_v ON kv(v)',
];

const dirs: string[] = [];
const engines: Engine[] = [];

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scimdesk-engine-'));
  dirs.push(dir);
  return dir;
}

/** Opens an engine over the kv schema; closed by cleanup() unless the test closes it. */
export async function openKv(dir: string, extra: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = await openEngine({ dir, migrations: KV_MIGRATIONS, ...extra });
  engines.push(engine);
  return engine;
}

export function put(engine: Engine, k: string, v: string): Promise<void> {
  return engine.write((tx) => {
    tx.run('INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v', [k, v]);
  });
}

export function getV(engine: Engine, k: string): string | undefined {
  return engine.read((r) => r.get<{ v: string }>('SELECT v FROM kv WHERE k = ?', [k]))?.v;
}

export function keys(engine: Engine): string[] {
  return engine.read((r) => r.all<{ k: string }>('SELECT k FROM kv ORDER BY k')).map((row) => row.k);
}

export async function cleanup(): Promise<void> {
  for (const e of engines.splice(0)) await e.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
}
