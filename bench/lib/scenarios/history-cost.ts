/**
 * What resource history costs (docs/history.md): the same writes against two servers started
 * from copies of one seeded directory, one with history on and one with it off, in rounds in
 * which the two take turns every 500 ms. Writes: Okta's profile push (PUT, changing a stored
 * attribute) spread over every user, and ×1,000 membership batches (add 1,000 members, remove them again) on one group.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
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
  /**
   * server CPU per write, ms, over all rounds: every thread but the snapshot worker as measured
   * in the phase, plus the worker's CPU over all rounds shared out by journaled statements
   * (workerShared below)
   */
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
  /** CPU of every thread but the snapshot worker */
  cpuMs: number;
  /** CPU of the snapshot worker (replaying records, writing snapshots) */
  workerMs: number;
  /** journal bytes the phase appended, or null when a snapshot rolled the journal during it */
  journalBytes: number | null;
}

/**
 * CPU ms of a process's threads: all, and the snapshot worker's. The worker is the one thread
 * that lowers its own priority (nice 19, server/store/snapshot-worker.ts), which is how it is
 * told apart. Fields after the command name: utime, stime at 11, 12; nice at 16 (proc(5)).
 */
function threadCpu(pid: number): { all: number; worker: number } {
  let all = 0;
  let worker = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(f[11]) + Number(f[12])) * 10;
    all += ms;
    if (Number(f[16]) === 19) worker += ms;
  }
  return { all, worker };
}

/** The journal segments' sizes. */
function journalSizes(dataDir: string): Map<string, number> {
  const dir = join(dataDir, 'db');
  const sizes = new Map<string, number>();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('journal-')) continue;
    try {
      sizes.set(name, statSync(join(dir, name)).size);
    } catch {
      // dropped between listing and stat: a snapshot is finishing
    }
  }
  return sizes;
}

/** Bytes appended between two listings, when the journal was not rolled in between (else null). */
function appended(before: Map<string, number>, after: Map<string, number>): number | null {
  if (before.size !== after.size) return null;
  let n = 0;
  for (const [name, size] of after) {
    const was = before.get(name);
    if (was === undefined) return null;
    n += size - was;
  }
  return n;
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

/** Unmeasured rounds of each kind per server before the measured ones (see historyCost). */
const WARM_ROUNDS = 3;
/**
 * A measured phase alternates the servers every SLOT_MS. With whole 3 s phases one after the
 * other, two identical history-off servers at 250,000 users differed by 1.3 % and 8.8 % in CPU
 * per PUT (two runs): the shared machine's load changes from one phase to the next by as much
 * as the budget being measured.
 */
const SLOT_MS = 500;

/** Journal bytes per write, from the phases no snapshot rolled the journal in (a roll hides how much the old segment grew). */
function bytesPerWrite(rs: Rate[]): number {
  const clean = rs.filter((r) => r.journalBytes !== null);
  const requests = clean.reduce((a, r) => a + r.requests, 0);
  return clean.reduce((a, r) => a + (r.journalBytes ?? 0), 0) / Math.max(1, requests);
}

/**
 * CPU per write of each kind for one server. The snapshot worker's CPU is shared out over the
 * kinds by the statements each journaled, not counted where it happened: a snapshot writes the
 * whole database (about 2 s of CPU at 250,000 users) and lands in whichever phase filled the
 * journal, so with six rounds one snapshot more or less in a phase moved that phase's figure by
 * ten points or more. The worker replays statements, and the snapshot threshold counts
 * statement bytes only (side entries, the versions, are not counted: server/store/engine.ts),
 * so the weights are the history-off server's journal bytes per write of each kind: the same
 * statements, without versions, for both servers.
 */
function workerShared(
  put: Rate[],
  batch: Rate[],
  weights: { put: number; batch: number },
): { put: number; batch: number } {
  const sum = (rs: Rate[], f: (r: Rate) => number) => rs.reduce((a, r) => a + f(r), 0);
  const putBytes = weights.put * sum(put, (r) => r.requests);
  const batchBytes = weights.batch * sum(batch, (r) => r.requests);
  const worker = sum(put, (r) => r.workerMs) + sum(batch, (r) => r.workerMs);
  const share = (bytes: number) =>
    putBytes + batchBytes > 0 ? (worker * bytes) / (putBytes + batchBytes) : 0;
  return {
    put:
      (sum(put, (r) => r.cpuMs) + share(putBytes)) /
      Math.max(
        1,
        sum(put, (r) => r.requests),
      ),
    batch:
      (sum(batch, (r) => r.cpuMs) + share(batchBytes)) /
      Math.max(
        1,
        sum(batch, (r) => r.requests),
      ),
  };
}

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

/** Sends one kind of write to `inst` for `ms`; returns the requests sent and the seconds it took. */
async function load(
  inst: Instance,
  kind: 'put' | 'batch',
  users: number,
  ms: number,
  sent: Sent,
): Promise<{ requests: number; seconds: number }> {
  const key = `${inst.dataDir}:${kind}`;
  const offset = sent.get(key) ?? 0;
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
  return { requests: r.requests, seconds: r.throughput > 0 ? r.requests / r.throughput : ms / 1000 };
}

/**
 * One measured phase of `kind` on each server: `ms` of writes each, in slots of SLOT_MS that
 * alternate between the two (A B B A A B…), so both servers meet the same moments of a shared
 * machine. Each server's CPU is counted from before its first slot until it is idle after its
 * last: whatever a slot leaves running (the fsync, the log flush) is counted with it.
 */
async function phases(
  servers: readonly [Instance, Instance],
  kind: 'put' | 'batch',
  users: number,
  ms: number,
  sent: Sent,
): Promise<[Rate, Rate]> {
  const tally = servers.map((inst) => ({
    inst,
    cpu0: threadCpu(inst.child.pid),
    journal0: journalSizes(inst.dataDir),
    requests: 0,
    seconds: 0,
  }));
  const slots = Math.max(1, Math.round(ms / SLOT_MS));
  for (let i = 0; i < slots; i++) {
    for (const t of i % 2 === 0 ? tally : [...tally].reverse()) {
      const r = await load(t.inst, kind, users, ms / slots, sent);
      t.requests += r.requests;
      t.seconds += r.seconds;
    }
  }
  for (const t of tally) await settle(t.inst.child.pid);
  const [a, b] = tally.map((t): Rate => {
    const cpu1 = threadCpu(t.inst.child.pid);
    return {
      throughput: t.requests / Math.max(1e-9, t.seconds),
      requests: t.requests,
      cpuMs: cpu1.all - cpu1.worker - (t.cpu0.all - t.cpu0.worker),
      workerMs: cpu1.worker - t.cpu0.worker,
      journalBytes: appended(t.journal0, journalSizes(t.inst.dataDir)),
    };
  }) as [Rate, Rate];
  return [a, b];
}

/** One server on its own (warm-up): `ms` of writes, then wait until it is idle. */
async function warm(
  inst: Instance,
  kind: 'put' | 'batch',
  users: number,
  ms: number,
  sent: Sent,
): Promise<void> {
  await load(inst, kind, users, ms, sent);
  await settle(inst.child.pid);
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
    await warm(inst, 'batch', users, 500, sent);
  }
}

/**
 * `seeded`: a directory seeded with `users` users and at least one group. `control`: both
 * servers with history off, so the "cost" shows what the method reads when there is none (the
 * noise of the machine).
 */
export async function historyCost(
  seeded: string,
  users: number,
  rounds: number,
  roundMs: number,
  control = false,
): Promise<HistoryCost> {
  const onDir = await copyDir(seeded, 'history-on');
  const offDir = await copyDir(seeded, 'history-off');
  const on = await startInstance(onDir, { historyOff: control });
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
    // The warm-up is WARM_ROUNDS whole rounds of each kind: with 500 ms, the first two counted
    // PUT rounds of both servers ran 40–50 % slower than the rest (0.90–0.95 against 0.55–0.69
    // ms a PUT at 10,000 users) and decided the aggregate, and with one round a PUT still got
    // cheaper round after round until about the fourth (main thread 0.51, 0.47, 0.43, 0.40, 0.40,
    // 0.39 ms at 10,000 users).
    const round = async (inst: Instance) => {
      await warm(inst, 'put', users, roundMs, sent);
      await warm(inst, 'batch', users, roundMs, sent);
    };
    for (let w = 0; w < WARM_ROUNDS; w++) for (const inst of [on, off]) await round(inst);
    for (const inst of [on, off]) await untilSnapshot(inst, users, sent);
    // once more each after the snapshots: a server left idle while the other one works pays for
    // it in its next phase (measured: the history-on server's first counted round was 45–60 %
    // dearer when it had waited through the other's whole warm-up), so both start the counted
    // rounds as they will go on, each after the other's phase
    for (const inst of [on, off]) await round(inst);
    for (let i = 0; i < rounds; i++) {
      // which server takes the first slot alternates too
      const pair: [Instance, Instance] = i % 2 === 0 ? [on, off] : [off, on];
      for (const kind of ['put', 'batch'] as const) {
        const [a, b] = await phases(pair, kind, users, roundMs, sent);
        const [rOn, rOff] = pair[0] === on ? [a, b] : [b, a];
        figures[`${kind}On`].push(rOn);
        figures[`${kind}Off`].push(rOff);
      }
    }
  } finally {
    await on.stop();
    await off.stop();
    await removeDir(onDir);
    await removeDir(offDir);
  }
  const rateOf = (rs: Rate[]) => median(rs.map((r) => r.throughput));
  const weights = { put: bytesPerWrite(figures.putOff), batch: bytesPerWrite(figures.batchOff) };
  if (process.env['HISTORY_COST_ROUNDS']) {
    for (const [k, rs] of Object.entries(figures)) {
      const each = rs.map(
        (r) =>
          `${(r.cpuMs / r.requests).toFixed(3)}+${(r.workerMs / r.requests).toFixed(3)}@${Math.round(r.throughput)}` +
          `/${r.journalBytes === null ? 'roll' : Math.round(r.journalBytes / r.requests)}B`,
      );
      console.error(k, each.join(' '));
    }
  }
  const putOn = rateOf(figures.putOn);
  const putOff = rateOf(figures.putOff);
  const batchOn = rateOf(figures.batchOn);
  const batchOff = rateOf(figures.batchOff);
  const on_ = workerShared(figures.putOn, figures.batchOn, weights);
  const off_ = workerShared(figures.putOff, figures.batchOff, weights);
  const cpu = { putOn: on_.put, putOff: off_.put, batchOn: on_.batch, batchOff: off_.batch };
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
