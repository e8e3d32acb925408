/**
 * Model-based check (fast-check): random sequences of writes, deletes, snapshots, restarts and
 * journal faults, compared after every step with a plain Map holding exactly the acknowledged
 * writes. Rejected writes must leave no trace, in memory or after a restart.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeIo } from '../../server/store/engine-io';
import type { EngineIo } from '../../server/store/engine-io';
import { StoreUnavailableError } from '../../server/store/types';
import type { Engine } from '../../server/store/types';
import { cleanup, openKv, tempDir } from './engine-helpers';

afterEach(cleanup);

/** 12 in CI; more on demand: ENGINE_MODEL_RUNS=300 npx vitest run test/store/durability-model.test.ts */
const RUNS = Number(process.env.ENGINE_MODEL_RUNS ?? 12);

type Command =
  | { op: 'put'; k: string; v: string }
  | { op: 'del'; k: string }
  | { op: 'batch'; n: number }
  | { op: 'snapshot' }
  | { op: 'restart' }
  | { op: 'fault'; kind: 'none' | 'write' | 'fsync' };

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('put' as const), k: key, v: fc.string({ maxLength: 8 }) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('del' as const), k: key }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('batch' as const), n: fc.integer({ min: 2, max: 20 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'snapshot' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('fault' as const),
      kind: fc.constantFrom('none', 'write', 'fsync'),
    }),
  },
);

function contents(engine: Engine): Record<string, string> {
  const rows = engine.read((r) => r.all<{ k: string; v: string }>('SELECT k, v FROM kv ORDER BY k'));
  return Object.fromEntries(rows.map((row) => [row.k, row.v]));
}

describe('engine against a model', () => {
  it(
    'holds exactly the acknowledged writes through faults, snapshots and restarts',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 25 }), async (commands) => {
          const dir = await tempDir();
          // 'write': appends tear after a third of the batch (ENOSPC); 'fsync': every fsync
          // fails (EIO), which also keeps a broken journal from being reopened.
          const fault: { kind: 'none' | 'write' | 'fsync' } = { kind: 'none' };
          const io: Partial<EngineIo> = {
            async write(fd, data, position) {
              if (fault.kind !== 'write') return nodeIo.write(fd, data, position);
              await nodeIo.write(fd, data.subarray(0, Math.floor(data.length / 3)), position);
              throw Object.assign(new Error('ENOSPC: simulated'), { code: 'ENOSPC' });
            },
            async fsync(fd) {
              if (fault.kind === 'fsync') throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' });
              return nodeIo.fsync(fd);
            },
          };
          const model = new Map<string, string>();
          let engine = await openKv(dir, { io, snapshotJournalBytes: 2048 });
          const settle = async (writes: { p: Promise<unknown>; apply: () => void }[]) => {
            for (const w of writes) {
              try {
                await w.p;
                w.apply();
              } catch (err) {
                expect(err).toBeInstanceOf(StoreUnavailableError);
                expect(fault.kind).not.toBe('none');
              }
            }
          };
          for (const c of commands) {
            if (c.op === 'put') {
              const p = engine.write((tx) =>
                tx.run('INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v', [
                  c.k,
                  c.v,
                ]),
              );
              await settle([{ p, apply: () => model.set(c.k, c.v) }]);
            } else if (c.op === 'del') {
              const p = engine.write((tx) => tx.run('DELETE FROM kv WHERE k = ?', [c.k]));
              await settle([{ p, apply: () => model.delete(c.k) }]);
            } else if (c.op === 'batch') {
              // concurrent writes sharing group commits; applied to the model in LSN order
              const writes = Array.from({ length: c.n }, (_, i) => {
                const k = `g${i % 4}`;
                const v = `${i}`;
                const p = engine.write((tx) =>
                  tx.run('INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v', [
                    k,
                    v,
                  ]),
                );
                return { p, apply: () => model.set(k, v) };
              });
              await settle(writes);
            } else if (c.op === 'snapshot') {
              // a broken journal is reopened (and cut back) first; only a failing fsync stops that
              await engine.snapshot().catch((err: unknown) => {
                expect(fault.kind).toBe('fsync');
                expect(String(err)).toMatch(/EIO/);
              });
            } else if (c.op === 'restart') {
              // a restart stands for a repaired disk (opening needs fsync)
              fault.kind = 'none';
              await engine.close();
              engine = await openKv(dir, { io, snapshotJournalBytes: 2048 });
            } else {
              fault.kind = c.kind;
            }
            expect(contents(engine)).toEqual(
              Object.fromEntries([...model].sort(([a], [b]) => a.localeCompare(b))),
            );
          }
          fault.kind = 'none';
          await engine.close();
          const final = await openKv(dir);
          expect(contents(final)).toEqual(
            Object.fromEntries([...model].sort(([a], [b]) => a.localeCompare(b))),
          );
          await final.close();
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(120_000, RUNS * 2_000),
  );
});
