/**
 * Paired throughput measurement. The machine is shared (other engineers run tests on its two
 * cores), so the background load drifts over minutes; measuring the ceilings once at the start
 * and ScimDesk minutes later would compare different machines. Instead every scenario runs
 * the same request stream against each target in turn, round after round (A B C A B C …),
 * and each ratio compares figures taken seconds apart.
 */
import { cpuMsOf } from '../../test/support/child-process';
import { runLoad, type LoadResult, type RequestSpec } from './load';
import { summarize, type Summary } from './stats';

export interface Target {
  name: string;
  origin: string;
  /** the server's process, for its CPU time */
  pid?: number;
}

export interface PairedOptions {
  targets: Target[];
  /** the request stream for one target; `k` counts every request sent to that target */
  stream: (target: Target) => (k: number) => RequestSpec;
  concurrency: number;
  rounds: number;
  roundMs: number;
  /** unmeasured warm-up per target before the first round (JIT, caches, connections) */
  warmMs: number;
  ok?: (status: number) => boolean;
}

export interface TargetFigures extends Summary {
  errors: number;
  errorSamples: string[];
  statuses: Record<number, number>;
  /** mean response size in bytes */
  meanBytes: number;
  /** server CPU (all threads) per request, ms; NaN without a pid */
  cpuMsPerRequest: number;
}

function merge(results: LoadResult[], cpuMs: number): TargetFigures {
  const lat: number[] = [];
  let duration = 0;
  let errors = 0;
  let bytes = 0;
  const statuses: Record<number, number> = {};
  const errorSamples: string[] = [];
  for (const r of results) {
    for (let k = 0; k < r.starts.length; k++) lat.push((r.ends[k] as number) - (r.starts[k] as number));
    duration += r.durationMs;
    errors += r.errors;
    bytes += r.bytes;
    errorSamples.push(...r.errorSamples.slice(0, 5 - errorSamples.length));
    for (const [s, n] of Object.entries(r.statuses)) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
  }
  return {
    ...summarize(lat, duration),
    errors,
    errorSamples,
    statuses,
    meanBytes: bytes / Math.max(1, lat.length),
    cpuMsPerRequest: cpuMs / Math.max(1, lat.length),
  };
}

/** Runs the rounds; returns figures per target name. */
export async function measurePaired(o: PairedOptions): Promise<Record<string, TargetFigures>> {
  const sent = new Map<string, number>();
  const cpu = new Map<string, number>();
  const results = new Map<string, LoadResult[]>();
  const phase = async (t: Target, ms: number): Promise<LoadResult> => {
    const offset = sent.get(t.name) ?? 0;
    const make = o.stream(t);
    const r = await runLoad({
      origin: t.origin,
      concurrency: o.concurrency,
      durationMs: ms,
      next: (k) => make(offset + k),
      ...(o.ok ? { ok: o.ok } : {}),
    });
    sent.set(t.name, offset + r.requests);
    return r;
  };
  for (const t of o.targets) if (o.warmMs > 0) await phase(t, o.warmMs);
  for (let round = 0; round < o.rounds; round++) {
    for (const t of o.targets) {
      const before = t.pid ? cpuMsOf(t.pid) : NaN;
      const r = await phase(t, o.roundMs);
      cpu.set(t.name, (cpu.get(t.name) ?? 0) + (t.pid ? cpuMsOf(t.pid) - before : NaN));
      results.set(t.name, [...(results.get(t.name) ?? []), r]);
    }
  }
  const out: Record<string, TargetFigures> = {};
  for (const [name, rs] of results) out[name] = merge(rs, cpu.get(name) ?? NaN);
  return out;
}
