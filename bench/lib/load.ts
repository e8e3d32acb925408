/**
 * The load generator every scenario shares: N concurrent request loops over keep-alive
 * connections (node:http Agent, one socket per loop, as Okta keeps its connections open),
 * each request timed from write to last byte. Written here rather than taken from a library
 * so the ceiling servers and ScimDesk are driven by exactly the same code, with per-request
 * start/end times kept for the snapshot-window analysis.
 */
import { Agent, request } from 'node:http';
import { OKTA_HEADERS } from './okta-traffic';
import { summarize, type Summary } from './stats';

export interface RequestSpec {
  method: string;
  /** path and query */
  path: string;
  body?: string;
  contentType?: string;
}

export interface LoadOptions {
  /** http://127.0.0.1:port */
  origin: string;
  concurrency: number;
  /** stop after this long (ms) … */
  durationMs?: number;
  /** … or after this many requests, whichever comes first */
  requests?: number;
  /** the k-th request (k counts from 0 across all loops) */
  next: (k: number) => RequestSpec;
  /** statuses counted as success (default: 2xx) */
  ok?: (status: number, k: number) => boolean;
  /** sees each successful response body (e.g. to collect created ids) */
  onBody?: (k: number, status: number, body: string) => void;
  /** headers sent on every request (default: Okta's) */
  headers?: Record<string, string>;
}

export interface LoadResult extends Summary {
  errors: number;
  /** first few failures, for the report */
  errorSamples: string[];
  statuses: Record<number, number>;
  bytes: number;
  /** per-request start and end, ms since the phase began (for windowed percentiles) */
  starts: Float64Array;
  ends: Float64Array;
  /** performance.now() at phase start */
  t0: number;
}

interface Sent {
  status: number;
  body: string;
}

function send(agent: Agent, origin: URL, spec: RequestSpec, headers: Record<string, string>): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { ...headers };
    let payload: Buffer | undefined;
    if (spec.body !== undefined) {
      payload = Buffer.from(spec.body);
      h['content-type'] = spec.contentType ?? 'application/json';
      h['content-length'] = payload.length;
    }
    const req = request(
      { agent, host: origin.hostname, port: origin.port, method: spec.method, path: spec.path, headers: h },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs one load phase and summarises it. Bounded by `requests` and/or `durationMs`. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  if (o.durationMs === undefined && o.requests === undefined) throw new Error('runLoad: give a bound');
  const origin = new URL(o.origin);
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  const headers = o.headers ?? OKTA_HEADERS;
  const limit = o.requests ?? Number.MAX_SAFE_INTEGER;
  const cap = Math.min(limit, 4_000_000);
  const starts = new Float64Array(cap);
  const ends = new Float64Array(cap);
  const statuses: Record<number, number> = {};
  const errorSamples: string[] = [];
  let errors = 0;
  let bytes = 0;
  let issued = 0;
  const t0 = performance.now();
  const deadline = o.durationMs === undefined ? Infinity : t0 + o.durationMs;
  const ok = o.ok ?? ((s: number) => s >= 200 && s < 300);

  const loop = async (): Promise<void> => {
    while (issued < cap && performance.now() < deadline) {
      const k = issued++;
      const spec = o.next(k);
      const start = performance.now();
      starts[k] = start - t0;
      try {
        const { status, body } = await send(agent, origin, spec, headers);
        ends[k] = performance.now() - t0;
        statuses[status] = (statuses[status] ?? 0) + 1;
        bytes += body.length;
        if (!ok(status, k)) {
          errors++;
          if (errorSamples.length < 5)
            errorSamples.push(`${spec.method} ${spec.path.slice(0, 80)} → ${status} ${body.slice(0, 160)}`);
        } else o.onBody?.(k, status, body);
      } catch (err) {
        ends[k] = performance.now() - t0;
        errors++;
        if (errorSamples.length < 5)
          errorSamples.push(`${spec.method} ${spec.path}: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, loop));
  const elapsed = performance.now() - t0;
  agent.destroy();
  const n = issued;
  const lat = new Float64Array(n);
  for (let k = 0; k < n; k++) lat[k] = (ends[k] as number) - (starts[k] as number);
  return {
    ...summarize(lat, elapsed),
    errors,
    errorSamples,
    statuses,
    bytes,
    starts: starts.subarray(0, n),
    ends: ends.subarray(0, n),
    t0,
  };
}
