/**
 * What resource history costs (docs/history.md): the same writes against two servers started
 * from copies of one seeded directory, one with history on and one with it off, in paired
 * rounds that alternate which goes first. Writes: Okta's profile push (PUT, changing a stored
 * attribute) spread over every user, and ×1,000 membership batches (add 1,000 members, remove them again) on one group.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cpuMsOf } from '../../../test/support/child-process';
import { copyDir, removeDir, startInstance, type Instance } from '../instance';
import { runLoad } from '../load';
import type { RequestSpec } from '../load';
import { BASE, groupId, json, oktaMembersBody, oktaPutBody, spread, userId } from '../okta-traffic';
import { median, round } from '../stats';

export interface HistoryCost {
  users: number;
  /** PUT /Users/{id} per second, median of the rounds */
  putOn: number;
  putOff: number;
  /** 1,000-member PATCH batches per second */
  batchOn: number;
  batchOff: number;
  /** server CPU (all threads, the snapshot worker's included) per write, ms, over all rounds */
  putCpuOn: number;
  putCpuOff: number;
  batchCpuOn: number;
  batchCpuOff: number;
  /** throughput lost: (off − on) / off */
  putCost: number;
  batchCost: number;
  /** CPU added per write: (on − off) / off; steadier than throughput on a shared machine */
  putCpuCost: number;
  batchCpuCost: number;
}

interface Rate {
  throughput: number;
  requests: number;
  cpuMs: number;
}

/**
 * Okta's profile push with a change the tenant stores (givenName), spread over every user: each
 * PUT is a real version. (The throughput scenarios' PUT changes only middleName, which a Netskope
 * tenant ignores, so with history on it records nothing and would measure only the diff.)
 */
export function profilePush(users: number): (k: number) => RequestSpec {
  return (k) => {
    const i = spread(k, users);
    const body = oktaPutBody(i, k);
    return json('PUT', `${BASE}/Users/${userId(i)}`, {
      ...body,
      name: { givenName: `First${i}v${k}`, familyName: `Last${i}` },
    });
  };
}

/** Requests sent so far to each server and kind, so every round goes on where the last stopped. */
type Sent = Map<string, number>;

/**
 * Waits until the server is idle (under 5 ms of CPU in 250 ms, at most `maxMs`): work a phase
 * started (the snapshot worker exporting, the request log's flush) is counted with that phase,
 * not lost between rounds or charged to the next phase.
 */
async function settle(pid: number, maxMs = 8000): Promise<void> {
  const until = performance.now() + maxMs;
  for (let last = cpuMsOf(pid); performance.now() < until;) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuMsOf(pid);
    if (now - last < 5) return;
    last = now;
  }
}

async function rate(
  inst: Instance,
  kind: 'put' | 'batch',
  users: number,
  ms: number,
  sent: Sent,
): Promise<Rate> {
  const key = `${inst.dataDir}:${kind}`;
  const offset = sent.get(key) ?? 0;
  const cpu0 = cpuMsOf(inst.child.pid);
  const push = profilePush(users);
  const r =
    kind === 'put'
      ? // k goes on across rounds: each PUT sets a givenName the user has not had, so it is a version
        await runLoad({ origin: inst.origin, concurrency: 8, durationMs: ms, next: (k) => push(offset + k) })
      : // One group, seeded with no members: batches alternate add/remove of the same 1,000 users.
        await runLoad({
          origin: inst.origin,
          concurrency: 1,
          durationMs: ms,
          next: (k) =>
            json(
              'PATCH',
              `${BASE}/Groups/${groupId(0)}`,
              oktaMembersBody((offset + k) % 2 === 0 ? 'add' : 'remove', 0, 1000),
            ),
        });
  if (r.errors) throw new Error(`history-cost ${kind}: ${r.errors} errors: ${r.errorSamples.join('; ')}`);
  sent.set(key, offset + r.requests);
  await settle(inst.child.pid);
  return { throughput: r.throughput, requests: r.requests, cpuMs: cpuMsOf(inst.child.pid) - cpu0 };
}

/** Sends ×1,000 batches (large journal records) until the server has written a snapshot (at most 2 min). */
async function untilSnapshot(inst: Instance, users: number, sent: Sent): Promise<void> {
  const file = join(inst.dataDir, 'db', 'snapshot.db');
  const mtime = async (): Promise<number> => (await stat(file).catch(() => null))?.mtimeMs ?? 0;
  const before = await mtime();
  const until = performance.now() + 120_000;
  while ((await mtime()) === before) {
    if (performance.now() > until)
      throw new Error(`history-cost: no snapshot within 2 min in ${inst.dataDir}`);
    await rate(inst, 'batch', users, 500, sent);
  }
}

/** `seeded`: a directory seeded with `users` users and at least one group. */
export async function historyCost(
  seeded: string,
  users: number,
  rounds: number,
  roundMs: number,
): Promise<HistoryCost> {
  const onDir = await copyDir(seeded, 'history-on');
  const offDir = await copyDir(seeded, 'history-off');
  const on = await startInstance(onDir);
  const off = await startInstance(offDir, { historyOff: true });
  const figures = {
    putOn: [] as Rate[],
    putOff: [] as Rate[],
    batchOn: [] as Rate[],
    batchOff: [] as Rate[],
  };
  const sent: Sent = new Map();
  try {
    // Warm both (JIT, statement cache), then take each through its first snapshot: that one
    // starts the snapshot worker, which loads the whole database into its replica (seconds at
    // 250,000 users). A one-off of start-up, not of writing; inside the rounds it would land on
    // whichever server's journal fills first, the history-on one.
    for (const inst of [on, off]) {
      await rate(inst, 'put', users, 500, sent);
      await rate(inst, 'batch', users, 500, sent);
      await untilSnapshot(inst, users, sent);
    }
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? [on, off] : [off, on];
      for (const inst of order) {
        const which = inst === on ? 'On' : 'Off';
        figures[`put${which}`].push(await rate(inst, 'put', users, roundMs, sent));
        figures[`batch${which}`].push(await rate(inst, 'batch', users, roundMs, sent));
      }
    }
  } finally {
    await on.stop();
    await off.stop();
    await removeDir(onDir);
    await removeDir(offDir);
  }
  const rateOf = (rs: Rate[]) => median(rs.map((r) => r.throughput));
  const cpuOf = (rs: Rate[]) =>
    rs.reduce((a, r) => a + r.cpuMs, 0) /
    Math.max(
      1,
      rs.reduce((a, r) => a + r.requests, 0),
    );
  const putOn = rateOf(figures.putOn);
  const putOff = rateOf(figures.putOff);
  const batchOn = rateOf(figures.batchOn);
  const batchOff = rateOf(figures.batchOff);
  const cpu = {
    putOn: cpuOf(figures.putOn),
    putOff: cpuOf(figures.putOff),
    batchOn: cpuOf(figures.batchOn),
    batchOff: cpuOf(figures.batchOff),
  };
  return {
    users,
    putOn: round(putOn, 1),
    putOff: round(putOff, 1),
    batchOn: round(batchOn, 2),
    batchOff: round(batchOff, 2),
    putCpuOn: round(cpu.putOn, 3),
    putCpuOff: round(cpu.putOff, 3),
    batchCpuOn: round(cpu.batchOn, 3),
    batchCpuOff: round(cpu.batchOff, 3),
    putCost: round((putOff - putOn) / putOff, 3),
    batchCost: round((batchOff - batchOn) / batchOff, 3),
    putCpuCost: round((cpu.putOn - cpu.putOff) / cpu.putOff, 3),
    batchCpuCost: round((cpu.batchOn - cpu.batchOff) / cpu.batchOff, 3),
  };
}
