/**
 * `npm run soak -- [--rps 200] [--minutes 10] [--users 2000] [--groups 20] [--log-cap-mb 8]
 * [--seed N] [--sample-seconds 5] [--max-inflight 256]` (issue 4, "Load").
 *
 * Starts the headless server as a child process on a fresh data directory, seeds users and
 * groups, then drives an open-loop mixed Okta workload on loopback at a fixed request rate:
 * lookups by userName (docs/okta.md §2.2), reads, creates, PUTs (§2.3), path-less PATCH
 * deactivations (§2.4) and group membership batches (§2.11), group lookups. Every
 * `--sample-seconds` it records the child's RSS and open file descriptors, the journal, snapshot
 * and request-log sizes, and the window's throughput and latency. At the end it reports
 * throughput, p50/p99 per operation, whether RSS plateaued, and whether the request log stayed
 * under its cap (set through the admin API to `--log-cap-mb`), and writes
 * bench/results/soak-<date>.json and .md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startChildServer, CHILD_TOKEN, ROOT } from '../test/support/child-server';
import { mulberry32 } from '../test/support/prng';
import {
  lookupPath,
  mixedCase,
  oktaActiveBody,
  oktaCreateBody,
  oktaPutBody,
  PATCH_URN,
  userName,
} from './lib/okta-traffic';
import { openFds, plateau, rssMiB, storeSizes, type Sample } from './lib/soak-sampler';
import { percentile, round, sortedCopy } from './lib/stats';

const { values: a } = parseArgs({
  options: {
    rps: { type: 'string', default: '200' },
    minutes: { type: 'string', default: '10' },
    users: { type: 'string', default: '2000' },
    groups: { type: 'string', default: '20' },
    'log-cap-mb': { type: 'string', default: '8' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    'sample-seconds': { type: 'string', default: '5' },
    'max-inflight': { type: 'string', default: '256' },
  },
});
const RPS = Number(a.rps);
const SECONDS = Number(a.minutes) * 60;
const USERS = Number(a.users);
const GROUPS = Number(a.groups);
const LOG_CAP = Number(a['log-cap-mb']) * 1024 * 1024;
const SEED = Number(a.seed);
const SAMPLE_S = Number(a['sample-seconds']);
const MAX_INFLIGHT = Number(a['max-inflight']);

const rng = mulberry32(SEED);
const users: { i: number; id: string; version: number }[] = [];
const groups: { id: string; name: string; members: Set<string> }[] = [];
/** creates in flight: userName → index, so a 201 adds the user to the pool */
const created = new Map<string, number>();

async function call(base: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(path.startsWith('/api/') ? `${new URL(base).origin}${path}` : `${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${CHILD_TOKEN}`,
      'user-agent': 'Okta SCIM Client 1.0.0',
      ...(body === undefined ? {} : { 'content-type': 'application/scim+json; charset=utf-8' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
}

/** One Okta-shaped request: [operation name, method, path, body]. */
function nextRequest(nextUser: () => number): [string, string, string, unknown?] {
  const r = rng.next();
  const u = rng.pick(users);
  if (r < 0.3)
    return [
      'lookup',
      'GET',
      lookupPath(rng.next() < 0.8 ? mixedCase(userName(u.i), u.i) : `nobody${rng.int(0, 1e9)}@example.com`),
    ];
  if (r < 0.45) return ['get', 'GET', `/Users/${u.id}`];
  if (r < 0.55 && users.length < USERS * 1.5) {
    const i = nextUser();
    created.set(userName(i), i);
    return ['create', 'POST', '/Users', oktaCreateBody(i)];
  }
  if (r < 0.7) return ['put', 'PUT', `/Users/${u.id}`, oktaPutBody(u.i, ++u.version, u.id)];
  if (r < 0.8) return ['deactivate', 'PATCH', `/Users/${u.id}`, oktaActiveBody(rng.next() < 0.5)];
  if (r < 0.95) {
    const g = rng.pick(groups);
    if (rng.next() < 0.3 && g.members.size > 0) {
      const gone = rng.sample([...g.members], rng.int(1, 5));
      for (const id of gone) g.members.delete(id);
      const Operations = gone.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` }));
      return ['members-remove', 'PATCH', `/Groups/${g.id}`, { schemas: [PATCH_URN], Operations }];
    }
    const add = rng.sample(users, rng.int(10, 50));
    for (const x of add) g.members.add(x.id);
    const value = add.map((x) => ({ value: x.id, display: userName(x.i) }));
    return [
      'members-add',
      'PATCH',
      `/Groups/${g.id}`,
      { schemas: [PATCH_URN], Operations: [{ op: 'add', path: 'members', value }] },
    ];
  }
  const g = rng.pick(groups);
  return [
    'group-lookup',
    'GET',
    `/Groups?filter=${encodeURIComponent(`displayName eq "${g.name}"`)}&startIndex=1&count=100`,
  ];
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'scimdesk-soak-'));
  const server = await startChildServer({ dataDir, console: true });
  console.log(`soak: server pid ${server.pid} at ${server.base}; data ${dataDir}; seed ${SEED}`);
  try {
    // The log cap, through the admin API as the console sets it (headless admin listener).
    const consoleUrl = new URL(server.consoleUrl as string);
    const secret = consoleUrl.hash.replace('#token=', '');
    const set = await fetch(`${consoleUrl.origin}/admin/api/updateSettings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ logRetention: { maxEntries: 1_000_000, maxBytes: LOG_CAP } }),
    });
    if (!set.ok) throw new Error(`could not set the log cap: ${set.status} ${await set.text()}`);

    let next = 0;
    const nextUser = (): number => next++;
    for (let batch = 0; batch < USERS; batch += 16) {
      await Promise.all(
        Array.from({ length: Math.min(16, USERS - batch) }, async () => {
          const i = nextUser();
          const res = await call(server.base, 'POST', '/Users', oktaCreateBody(i));
          if (res.status !== 201) throw new Error(`seed POST: ${res.status} ${await res.text()}`);
          users.push({ i, id: ((await res.json()) as { id: string }).id, version: 1 });
        }),
      );
    }
    for (let g = 0; g < GROUPS; g++) {
      const name = `soak-group-${g}`;
      const res = await call(server.base, 'POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: name,
        members: [],
      });
      groups.push({ id: ((await res.json()) as { id: string }).id, name, members: new Set() });
    }
    console.log(`soak: seeded ${USERS} users and ${GROUPS} groups; ${RPS} req/s for ${SECONDS} s`);

    const byOp = new Map<string, number[]>();
    const statuses = new Map<number, number>();
    let window: number[] = [];
    let windowErrors = 0;
    let inflight = 0;
    let issued = 0;
    let shed = 0;
    const samples: Sample[] = [];
    const start = performance.now();
    const pending = new Set<Promise<void>>();

    const fire = (): void => {
      const [op, method, path, body] = nextRequest(nextUser);
      const t0 = performance.now();
      inflight++;
      const p = call(server.base, method, path, body)
        .then(async (res) => {
          const text = await res.text();
          const ms = performance.now() - t0;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 400) windowErrors++;
          if (op === 'create' && res.status === 201) {
            const made = JSON.parse(text) as { id: string; userName: string };
            const i = created.get(made.userName);
            created.delete(made.userName);
            if (i !== undefined) users.push({ i, id: made.id, version: 1 });
          }
          (byOp.get(op) ?? byOp.set(op, []).get(op))?.push(ms);
          window.push(ms);
        })
        .catch(() => {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
          windowErrors++;
        })
        .finally(() => {
          inflight--;
          pending.delete(p);
        });
      pending.add(p);
    };

    const sample = (): void => {
      const t = (performance.now() - start) / 1000;
      const s = sortedCopy(window);
      const prev = samples.at(-1)?.t ?? 0;
      samples.push({
        t: round(t, 1),
        rssMiB: round(rssMiB(server.pid), 1),
        fds: openFds(server.pid),
        ...storeSizes(dataDir),
        requests: s.length,
        rps: round(s.length / Math.max(0.001, t - prev), 1),
        p50: round(percentile(s, 50)),
        p99: round(percentile(s, 99)),
        errors: windowErrors,
      });
      const last = samples.at(-1) as Sample;
      console.log(
        `t=${last.t}s rss=${last.rssMiB}MiB fds=${last.fds} journal=${last.journalBytes} log=${last.logBytes} rps=${last.rps} p50=${last.p50} p99=${last.p99} errors=${last.errors}`,
      );
      window = [];
      windowErrors = 0;
    };

    await new Promise<void>((resolve) => {
      let nextSample = SAMPLE_S;
      const timer = setInterval(() => {
        const elapsed = (performance.now() - start) / 1000;
        const due = Math.min(Math.floor(elapsed * RPS), Math.floor(SECONDS * RPS)) - issued;
        for (let k = 0; k < due; k++) {
          issued++;
          if (inflight >= MAX_INFLIGHT) shed++;
          else fire();
        }
        if (elapsed >= nextSample) {
          sample();
          nextSample += SAMPLE_S;
        }
        if (elapsed >= SECONDS) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    await Promise.all([...pending]);
    const elapsedS = (performance.now() - start) / 1000;
    const all = sortedCopy([...byOp.values()].flat());
    const ops = Object.fromEntries(
      [...byOp].map(([op, l]) => {
        const s = sortedCopy(l);
        return [op, { requests: s.length, p50: round(percentile(s, 50)), p99: round(percentile(s, 99)) }];
      }),
    );
    const maxLog = Math.max(...samples.map((s) => s.logBytes));
    const mem = plateau(samples.slice(Math.max(1, Math.floor(samples.length / 5))));
    const result = {
      command: `npm run soak -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: new Date().toISOString(),
      seed: SEED,
      targetRps: RPS,
      seconds: SECONDS,
      seededUsers: USERS,
      finalUsers: users.length,
      groups: GROUPS,
      requests: all.length,
      shed,
      throughput: round(all.length / elapsedS, 1),
      p50: round(percentile(all, 50)),
      p99: round(percentile(all, 99)),
      statuses: Object.fromEntries(statuses),
      ops,
      memory: mem,
      log: { capBytes: LOG_CAP, maxBytes: maxLog, ok: maxLog <= LOG_CAP + 64 * 1024 },
      fds: { min: Math.min(...samples.map((s) => s.fds)), max: Math.max(...samples.map((s) => s.fds)) },
      samples,
    };
    const stamp = result.date.replace(/[:.]/g, '-');
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `soak-${stamp}.json`), JSON.stringify(result, null, 2));
    const md = markdown(result);
    writeFileSync(join(dir, `soak-${stamp}.md`), md);
    console.log(`\n${md}\nwritten: bench/results/soak-${stamp}.json and .md`);
    if (!mem.ok || !result.log.ok) process.exitCode = 1;
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function markdown(r: {
  command: string;
  throughput: number;
  targetRps: number;
  requests: number;
  shed: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  ops: Record<string, { requests: number; p50: number; p99: number }>;
  memory: ReturnType<typeof plateau>;
  log: { capBytes: number; maxBytes: number; ok: boolean };
  fds: { min: number; max: number };
  samples: Sample[];
}): string {
  const mib = (b: number): string => (b / 1024 / 1024).toFixed(2);
  const lines = [
    `Command: \`${r.command}\``,
    '',
    `Throughput ${r.throughput} req/s (target ${r.targetRps}), ${r.requests} requests, ${r.shed} shed; p50 ${r.p50} ms, p99 ${r.p99} ms; statuses ${JSON.stringify(r.statuses)}`,
    `RSS: middle-third max ${r.memory.middleMaxMiB} MiB, last-third max ${r.memory.lastMaxMiB} MiB, slope ${round(r.memory.slopeMiBPerMin)} MiB/min over the second half: ${r.memory.ok ? 'plateau' : 'GROWING'}`,
    `Request log: max ${mib(r.log.maxBytes)} MiB on disk, cap ${mib(r.log.capBytes)} MiB: ${r.log.ok ? 'respected' : 'EXCEEDED'}; open fds ${r.fds.min}–${r.fds.max}`,
    '',
    '| operation | requests | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(r.ops).map(([op, o]) => `| ${op} | ${o.requests} | ${o.p50} | ${o.p99} |`),
    '',
    '| t (s) | RSS MiB | fds | journal MiB | snapshot MiB | log MiB | req/s | p50 ms | p99 ms | errors |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.samples.map(
      (s) =>
        `| ${s.t} | ${s.rssMiB} | ${s.fds} | ${mib(s.journalBytes)} | ${mib(s.snapshotBytes)} | ${mib(s.logBytes)} | ${s.rps} | ${s.p50} | ${s.p99} | ${s.errors} |`,
    ),
  ];
  return lines.join('\n');
}

main().catch((err: unknown) => {
  console.error('soak failed:', err);
  process.exit(1);
});
