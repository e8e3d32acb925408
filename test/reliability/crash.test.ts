/**
 * Crash harness (issue 4, "Faults: crash"): the headless server runs as a child process on one
 * data directory; concurrent Okta-shaped writes (creates, PUTs, path-less PATCH `active`, group
 * pushes, membership batches of 10–100) run against it; it is killed with SIGKILL at a random
 * moment (after a random number of acknowledgements plus a random delay, from a printed seed),
 * restarted on the same directory, and everything ever acknowledged is checked against what GET
 * returns (docs/architecture.md "Durability with sql.js"). The state carries over from
 * trial to trial, so each restart also re-proves every earlier trial.
 *
 * Replay a run: CRASH_SEED=<seed> [CRASH_TRIALS=n] npx vitest run test/reliability/crash.test.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AckModel, reconcile, type Mismatch } from './ack-model';
import { CHILD_TOKEN, startChildServer, type ChildServer } from '../support/child-server';
import { runBurst } from './crash-workload';
import { mulberry32 } from '../support/prng';
import { readBack } from './read-back';

const TRIALS = Number(process.env['CRASH_TRIALS'] ?? 20);
const SEED = Number(process.env['CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const WORKERS = 8;

let dataDir = '';
let live: ChildServer | null = null;

afterAll(async () => {
  await live?.kill();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('crash harness: SIGKILL during Okta-shaped write bursts', () => {
  it(`loses no acknowledged write over ${TRIALS} kill/restart trials`, { timeout: 240_000 }, async () => {
    console.log(`crash harness seed ${SEED} (replay: CRASH_SEED=${SEED})`);
    const rng = mulberry32(SEED);
    dataDir = await mkdtemp(join(tmpdir(), 'scimdesk-crash-'));
    const model = new AckModel();
    const mismatches: Mismatch[] = [];
    const refused: string[] = [];
    let checked = 0;

    for (let trial = 0; trial <= TRIALS; trial++) {
      const server = await startChildServer({ dataDir, token: CHILD_TOKEN });
      live = server;
      if (trial > 0) {
        // Everything acknowledged before the previous kill must be here.
        checked = model.users.size + model.groups.size;
        const found = reconcile(model, await readBack(server.base, CHILD_TOKEN));
        for (const m of found) mismatches.push({ ...m, problem: `after trial ${trial}: ${m.problem}` });
      }
      if (trial === TRIALS) {
        await server.stop();
        break;
      }
      // Kill after a random number of acknowledgements (so the kill lands mid-burst), then a
      // random few milliseconds more (so it lands anywhere: mid-request, mid-fsync, between).
      const killAt = model.acknowledged + rng.int(5, 80);
      const delayMs = rng.int(0, 15);
      let stopping = false;
      let killed: Promise<void> | null = null;
      const burst = await runBurst(model, {
        base: server.base,
        token: CHILD_TOKEN,
        rng,
        workers: WORKERS,
        tag: `${SEED}-${trial}`,
        maxPerWorker: 200,
        stopped: () => stopping,
        onAck(total) {
          if (total < killAt || killed) return;
          killed = new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(() => {
            stopping = true;
            return server.kill();
          });
        },
      });
      refused.push(...burst.refused);
      await (killed ?? server.kill());
      const exit = await server.exited;
      expect(exit.signal, server.output()).toBe('SIGKILL');
    }

    const lost = mismatches.length;
    console.log(
      `crash harness: ${TRIALS} SIGKILL trials, ${model.acknowledged} acknowledged writes ` +
        `(${checked} users and groups checked at the end), ${lost} lost (seed ${SEED})`,
    );
    expect(refused, 'writes refused while the server was healthy').toEqual([]);
    expect(mismatches).toEqual([]);
    expect(model.users.size).toBeGreaterThan(0);
    expect(model.groups.size).toBeGreaterThan(0);
  });
});
