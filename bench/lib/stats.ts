/** Latency summaries: throughput, percentiles (nearest rank) and deciles of a series. */

export interface Summary {
  requests: number;
  durationMs: number;
  /** requests per second */
  throughput: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values (q in 0..100). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export function summarize(latencies: ArrayLike<number>, elapsedMs: number): Summary {
  const s = sortedCopy(latencies);
  return {
    requests: s.length,
    durationMs: elapsedMs,
    throughput: s.length / (elapsedMs / 1000),
    p50: percentile(s, 50),
    p99: percentile(s, 99),
    max: s.length ? (s[s.length - 1] as number) : NaN,
  };
}

export function median(values: ArrayLike<number>): number {
  return percentile(sortedCopy(values), 50);
}

/**
 * Median of each tenth of a series in order (e.g. per-batch times as a group grows), so the
 * first and last deciles can be compared ("flat as the group grows"). Medians, not means: on a
 * shared machine one descheduled request should not move a decile.
 */
export function deciles(values: ArrayLike<number>): number[] {
  const all = Array.from(values);
  const out: number[] = [];
  const n = all.length;
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10);
    const to = Math.max(from + 1, Math.floor(((d + 1) * n) / 10));
    out.push(median(all.slice(from, Math.min(to, n))));
  }
  return out;
}

export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
