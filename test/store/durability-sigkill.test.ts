/**
 * An acknowledged write survives `kill -9` (docs/architecture.md "Durability with sql.js"). A child
 * process writes as fast as it can, printing each key once write() resolved; it is killed with
 * SIGKILL after N acknowledgements, at several N (before, around and after background
 * snapshots and segment rolls), and every acknowledged key must then be in the reopened store,
 * with each transaction whole.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, openKv, tempDir } from './engine-helpers';

afterEach(cleanup);

const FIXTURE = fileURLToPath(new URL('../fixtures/engine-burst.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the burst until `killAfter` acks and `snapshots` background snapshots have been read,
 * then SIGKILLs it; returns the acked keys.
 */
function burstAndKill(dir: string, killAfter: number, snapshots: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir, '32768', '30000'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    let killed = false;
    let snapshotted = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        // Lines read after the kill signal was sent were still acknowledged before it landed.
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        else if (line === 'snapshot') snapshotted++;
      }
      if (!killed && acked.length >= killAfter && snapshotted >= snapshots) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && killed) resolve(acked);
      else reject(new Error(`burst ended before the kill (code ${code}, ${signal}): ${stderr}`));
    });
  });
}

describe('durability under SIGKILL', () => {
  it.each([
    [25, 0],
    [300, 0],
    [1200, 1],
    [2500, 3],
  ])(
    'keeps every write acknowledged before a kill after %i acks and %i snapshots',
    async (n, snapshots) => {
      const dir = await tempDir();
      const acked = await burstAndKill(dir, n, snapshots);
      expect(acked.length).toBeGreaterThanOrEqual(n);

      const engine = await openKv(dir);
      const rows = new Map(
        engine
          .read((r) => r.all<{ k: string; v: string }>('SELECT k, v FROM kv'))
          .map((row) => [row.k, row.v]),
      );
      const missing = acked.filter((k) => !rows.has(k) || rows.get(`${k}-shadow`) !== k);
      expect(missing).toEqual([]);
      // transactions are whole: no key without its shadow, no shadow without its key
      const writes = [...rows.keys()].filter((k) => /^w\d+$/.test(k));
      for (const k of writes) expect(rows.get(`${k}-shadow`)).toBe(k);
      expect(rows.size).toBe(writes.length * 2 + 1);
      expect(writes.length).toBeGreaterThanOrEqual(acked.length);
      // the later kill points land after background snapshots and journal rolls
      if (snapshots > 0) expect(engine.stats().snapshotLsn).toBeGreaterThan(0);
      // and the store still takes writes after recovery
      await engine.write((tx) => tx.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['after', 'kill']));
    },
    60_000,
  );
});
