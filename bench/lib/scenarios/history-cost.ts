/**
 * What resource history costs (docs/history.md): the same writes against two servers started
 * from copies of one seeded directory, one with history on and one with it off, in paired
 * rounds that alternate which goes first. Writes: Okta's profile push (PUT) spread over every
 * user, and ×1,000 membership batches (add 1,000 members, remove them again) on one group.
 */
import { copyDir, removeDir, startInstance, type Instance } from '../instance';
import { runLoad } from '../load';
import { BASE, groupId, json, oktaMembersBody, putUserRequest } from '../okta-traffic';
import { median, round } from '../stats';

export interface HistoryCost {
  users: number;
  /** PUT /Users/{id} per second, median of the rounds */
  putOn: number;
  putOff: number;
  /** 1,000-member PATCH batches per second */
  batchOn: number;
  batchOff: number;
  /** (off − on) / off, as a fraction */
  putCost: number;
  batchCost: number;
}

async function rate(inst: Instance, kind: 'put' | 'batch', users: number, ms: number): Promise<number> {
  if (kind === 'put') {
    const r = await runLoad({
      origin: inst.origin,
      concurrency: 8,
      durationMs: ms,
      next: putUserRequest(users),
    });
    return r.throughput;
  }
  // One group, seeded with no members: batches alternate add/remove of the same 1,000 users.
  const r = await runLoad({
    origin: inst.origin,
    concurrency: 1,
    durationMs: ms,
    next: (k) =>
      json('PATCH', `${BASE}/Groups/${groupId(0)}`, oktaMembersBody(k % 2 === 0 ? 'add' : 'remove', 0, 1000)),
  });
  return r.throughput;
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
    putOn: [] as number[],
    putOff: [] as number[],
    batchOn: [] as number[],
    batchOff: [] as number[],
  };
  try {
    // warm both (JIT, statement cache)
    for (const inst of [on, off]) {
      await rate(inst, 'put', users, 500);
      await rate(inst, 'batch', users, 500);
    }
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? [on, off] : [off, on];
      for (const inst of order) {
        const which = inst === on ? 'On' : 'Off';
        figures[`put${which}`].push(await rate(inst, 'put', users, roundMs));
        figures[`batch${which}`].push(await rate(inst, 'batch', users, roundMs));
      }
    }
  } finally {
    await on.stop();
    await off.stop();
    await removeDir(onDir);
    await removeDir(offDir);
  }
  const putOn = median(figures.putOn);
  const putOff = median(figures.putOff);
  const batchOn = median(figures.batchOn);
  const batchOff = median(figures.batchOff);
  return {
    users,
    putOn: round(putOn, 1),
    putOff: round(putOff, 1),
    batchOn: round(batchOn, 2),
    batchOff: round(batchOff, 2),
    putCost: round((putOff - putOn) / putOff, 3),
    batchCost: round((batchOff - batchOn) / batchOff, 3),
  };
}
