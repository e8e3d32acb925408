/**
 * Profiles ScimDesk under one Okta-shaped load: seeds a data directory through the store,
 * starts the headless server with `node --cpu-prof`, drives the scenario with the bench's load
 * generator (16 concurrent, keep-alive), stops the server and prints the hottest functions of
 * the load phase (self and inclusive time).
 * Usage: npx tsx bench/profile.ts <lookup|get|post|put|version|patch|members|batch|walk|mixed> [users=10000] [seconds=5] [floor|nohistory]
 * (`version`: a PUT that changes givenName, so each one records a history version; `floor`: the
 * server started with --bench-floor: no request log, Okta action or history; `nohistory`: with
 * --bench-history-off). PROFILE_WORKER=1 also prints the snapshot worker's profile.
 * PROFILE_TOTAL=n prints n inclusive lines; PROFILE_KEEP=1 keeps the .cpuprofile files.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMsOf } from '../test/support/child-process';
import { formatProfile, summariseProfile } from './lib/cpu-profile';
import { removeDir, seedStore, startInstance, tempDir } from './lib/instance';
import { runLoad, type RequestSpec } from './lib/load';
import {
  BASE,
  activeToggleRequest,
  createUserRequest,
  getUserRequest,
  json,
  lookupRequest,
  oktaMembersBody,
  putUserRequest,
} from './lib/okta-traffic';
import { profilePush } from './lib/scenarios/history-cost';
import { mixedStream } from './lib/scenarios/snapshot-load';

const [scenario = 'lookup', usersArg = '10000', secondsArg = '5', variant = ''] = process.argv.slice(2);
const users = Number(usersArg);

/** Creates an empty group over SCIM; returns its id. */
async function createGroup(origin: string, label: string): Promise<string> {
  let id = '';
  await runLoad({
    origin,
    concurrency: 1,
    requests: 1,
    next: () => json('POST', `${BASE}/Groups`, { displayName: `${label} ${Date.now()}`, members: [] }),
    onBody: (_k, _s, b) => (id = (JSON.parse(b) as { id: string }).id),
  });
  return id;
}

async function groupStream(origin: string): Promise<(k: number) => RequestSpec> {
  const id = await createGroup(origin, 'profile');
  const batches = Math.floor(users / 1000);
  await runLoad({
    origin,
    concurrency: 1,
    requests: batches,
    next: (k) => json('PATCH', `${BASE}/Groups/${id}`, oktaMembersBody('add', k * 1000, 1000)),
  });
  return () => ({ method: 'GET', path: `${BASE}/Groups/${id}?attributes=members` });
}

/** ×1,000 membership batches on one group, alternately adding and removing the same users. */
async function batchStream(origin: string): Promise<(k: number) => RequestSpec> {
  const id = await createGroup(origin, 'batch');
  return (k) =>
    json('PATCH', `${BASE}/Groups/${id}`, oktaMembersBody(k % 2 === 0 ? 'add' : 'remove', 0, 1000));
}

async function main(): Promise<void> {
  const dir = await tempDir('profile');
  const profDir = await mkdtemp(join(tmpdir(), 'scimdesk-cpuprof-'));
  await seedStore(dir, users);
  const inst = await startInstance(dir, {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
    ...(variant === 'floor' ? { floor: true } : {}),
    ...(variant === 'nohistory' ? { historyOff: true } : {}),
  });
  const started = performance.now();
  const streams: Record<string, () => Promise<(k: number) => RequestSpec>> = {
    lookup: async () => lookupRequest(users),
    get: async () => getUserRequest(users),
    post: async () => createUserRequest(users),
    put: async () => putUserRequest(users),
    version: async () => profilePush(users),
    patch: async () => activeToggleRequest(users),
    mixed: async () => mixedStream(users, users),
    members: () => groupStream(inst.origin),
    batch: () => batchStream(inst.origin),
    walk: async () => (k) => ({
      method: 'GET',
      path: `${BASE}/Users?startIndex=${1 + ((k * 100) % users)}&count=100`,
    }),
  };
  const make = streams[scenario];
  if (!make) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(streams).join(', ')}`);
  const next = await make();
  const concurrency = scenario === 'members' || scenario === 'walk' || scenario === 'batch' ? 1 : 16;
  await runLoad({ origin: inst.origin, concurrency, durationMs: 3000, next });
  const skipMs = inst.startMs + (performance.now() - started);
  const cpu0 = cpuMsOf(inst.child.pid);
  const r = await runLoad({ origin: inst.origin, concurrency, durationMs: Number(secondsArg) * 1000, next });
  const cpu = cpuMsOf(inst.child.pid) - cpu0;
  await inst.stop();
  console.log(
    `${scenario} at ${users} users: ${r.throughput.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ` +
      `server CPU ${(cpu / r.requests).toFixed(3)} ms/request, ${r.errors} errors ${r.errorSamples.join('; ')}`,
  );
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread
  const main = (await readdir(profDir)).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (!main) throw new Error('no profile written');
  const s = summariseProfile(join(profDir, main), skipMs);
  console.log(formatProfile(s, 'self', 25));
  console.log(formatProfile(s, 'total', Number(process.env.PROFILE_TOTAL ?? 45)));
  const own = { ...s, lines: s.lines.filter((l) => / (server|bench)\//.test(l.name)) };
  console.log(formatProfile(own, 'self', 30).replace('self time', 'self time in server/'));
  if (process.env.PROFILE_WORKER) {
    for (const f of (await readdir(profDir)).filter((n) => !/\.\d+\.0\.\d+\.cpuprofile$/.test(n))) {
      const w = summariseProfile(join(profDir, f), skipMs);
      console.log(`worker thread ${f}:`);
      console.log(formatProfile(w, 'self', 15));
    }
  }
  if (process.env.PROFILE_KEEP) console.log(`profiles kept in ${profDir}`);
  else await rm(profDir, { recursive: true, force: true });
  await removeDir(dir);
}

await main();
