/**
 * Load mode (`--users N`): a large first push, as when an admin assigns the app to a big
 * group. Each user is Okta's assign sequence (docs/okta.md §2.2): the userName lookup, then a
 * POST, or a GET + PUT when the lookup finds the user. Workers share a request-rate cap; the
 * run reports throughput, latency percentiles and errors, then deactivates what it created.
 */
import { failLine } from './judge';
import { createUserBody, mergedUserPut, oktaUserId, pathlessReplace } from './okta-bodies';
import { eqFilter, OktaHttp, type Exchange } from './okta-http';
import { RunContext, type SimUser, type StepListener } from './run-context';
import type { LoadStats, RunResult, SimulatorApp, StepResult } from './types';
import { summarize } from './runner';
import { isObject } from './judge';

export interface LoadOptions {
  baseUrl: string;
  token: string;
  users: number;
  /** requests per second across all workers; 0 = as fast as the target answers */
  rate?: number;
  concurrency?: number;
  app?: SimulatorApp;
  /** deactivate the created users afterwards (default true) */
  cleanup?: boolean;
  onStep?: StepListener;
  tag?: string;
}

export const LOAD_LIMITS = { maxUsers: 1_000_000, maxConcurrency: 256, maxRate: 100_000 } as const;

/** Spaces request starts `1000 / rate` ms apart across workers. */
class Pacer {
  private next = 0;
  constructor(private readonly rate: number) {}
  async wait(): Promise<void> {
    if (this.rate <= 0) return;
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.rate;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, n)) }, worker));
}

function result(id: string, title: string, failure: string | null, durationMs: number): StepResult {
  return {
    id: `load.${id}`,
    flow: 'load',
    title,
    status: failure ? 'failed' : 'passed',
    reason: failure,
    consequence: failure ? 'task-failed' : null,
    exchanges: [],
    durationMs: Math.round(durationMs),
  };
}

export async function runLoad(opts: LoadOptions): Promise<RunResult> {
  const app = opts.app ?? 'oin';
  const latencies: number[] = [];
  const errorsByStatus: Record<string, number> = {};
  let firstError: string | null = null;
  const pacer = new Pacer(opts.rate ?? 0);
  const http = new OktaHttp(opts.baseUrl, opts.token);
  const ctx = new RunContext(http, app, opts.onStep, opts.tag);
  const startedAt = new Date().toISOString();
  let created = 0;
  let linked = 0;

  const send = async (method: string, path: string, body?: unknown): Promise<Exchange> => {
    await pacer.wait();
    const ex = await http.send(method, path, body === undefined ? {} : { body });
    latencies.push(ex.durationMs);
    return ex;
  };
  const error = (ex: Exchange, why: string): void => {
    const key = String(ex.status);
    errorsByStatus[key] = (errorsByStatus[key] ?? 0) + 1;
    firstError ??= failLine(ex, why);
  };

  const started = performance.now();
  await pool(opts.users, opts.concurrency ?? 4, async (i) => {
    const draft: Omit<SimUser, 'id'> = {
      userName: `load.${i}.${ctx.tag}@Example.com`,
      externalId: oktaUserId(`${ctx.tag}${i.toString(36)}`),
      givenName: `Load${i}`,
      familyName: 'Okta',
      active: true,
    };
    const look = await send(
      'GET',
      `/Users?filter=${eqFilter('userName', draft.userName)}&startIndex=1&count=100`,
    );
    const found =
      isObject(look.json) && Array.isArray(look.json['Resources']) ? look.json['Resources'] : null;
    if (look.status !== 200 || !found)
      return error(look, 'the userName lookup must answer 200 with a ListResponse');
    const hit = found.find(isObject);
    if (hit && typeof hit['id'] === 'string') {
      const id = hit['id'];
      const got = await send('GET', `/Users/${encodeURIComponent(id)}`);
      if (got.status !== 200 || !isObject(got.json))
        return error(got, 'reading the found user must answer 200');
      const put = await send(
        'PUT',
        `/Users/${encodeURIComponent(id)}`,
        mergedUserPut(got.json, { ...draft, id }),
      );
      if (put.status !== 200) return error(put, 'the link PUT must answer 200');
      linked++;
      return;
    }
    const post = await send('POST', '/Users', createUserBody(draft));
    const id = isObject(post.json) ? post.json['id'] : undefined;
    if (post.status !== 201 || typeof id !== 'string')
      return error(post, 'creating the user must answer 201 with an id');
    ctx.createdUsers.set(id, { ...draft, id });
    created++;
  });
  const durationMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const errors = Object.values(errorsByStatus).reduce((a, b) => a + b, 0);
  const stats: LoadStats = {
    users: opts.users,
    created,
    linked,
    requests: latencies.length,
    errors,
    errorsByStatus,
    durationMs: Math.round(durationMs),
    usersPerSecond: (created + linked) / (durationMs / 1000),
    requestsPerSecond: latencies.length / (durationMs / 1000),
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? 0,
    },
  };
  ctx.add(
    result(
      'push',
      `First push of ${opts.users} users (lookup, then create or link)`,
      errors ? `${errors} of ${latencies.length} requests failed; first: ${firstError ?? ''}` : null,
      durationMs,
    ),
  );

  const leftBehind: string[] = [];
  const mine = [...ctx.createdUsers.values()];
  if (opts.cleanup !== false && mine.length) {
    let failed = 0;
    let first: string | null = null;
    const t0 = performance.now();
    await pool(mine.length, opts.concurrency ?? 4, async (i) => {
      const u = mine[i] as SimUser;
      const path = `/Users/${encodeURIComponent(u.id)}`;
      let ex: Exchange;
      if (app === 'oin') ex = await http.send('PATCH', path, { body: pathlessReplace({ active: false }) });
      else {
        const got = await http.send('GET', path);
        ex = isObject(got.json)
          ? await http.send('PUT', path, { body: mergedUserPut(got.json, { ...u, active: false }) })
          : got;
      }
      if (ex.status === 200 || ex.status === 204) u.active = false;
      else {
        failed++;
        first ??= failLine(ex, 'deactivating a load user must answer 200 or 204');
      }
    });
    ctx.add(
      result(
        'cleanup',
        `Deactivate the ${mine.length} users the push created`,
        failed ? `${failed} of ${mine.length} could not be deactivated; first: ${first ?? ''}` : null,
        performance.now() - t0,
      ),
    );
  }
  if (mine.length) {
    const active = mine.filter((u) => u.active).length;
    leftBehind.push(
      `${mine.length} load user(s) named load.<n>.${ctx.tag}@Example.com` +
        (active ? `, ${active} still active` : ', deactivated') +
        ' — Okta never deletes users',
    );
  }
  return summarize(ctx, { baseUrl: http.baseUrl, app, flows: [], startedAt, leftBehind, load: stats });
}
