/**
 * What a run prints: one line per step as it finishes (a failure adds its one-line reason),
 * what the run left behind, load figures, and last exactly one line `N passed, N failed`.
 */
import type { LoadStats, RunResult, StepResult } from './types';

const MARK: Record<StepResult['status'], string> = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' };

export function stepLine(s: StepResult): string {
  const head = `${MARK[s.status]} ${s.id.padEnd(28)} ${s.title}`;
  if (!s.reason) return head;
  const tag =
    s.consequence === 'silent-divergence'
      ? 'silent divergence'
      : s.consequence === 'task-failed'
        ? 'Okta task failed'
        : 'skipped';
  return `${head}\n     ${tag}: ${s.reason}`;
}

export function loadLines(l: LoadStats): string[] {
  const errs = Object.entries(l.errorsByStatus)
    .map(([status, n]) => `${n} × ${status === '0' ? 'no response' : status}`)
    .join(', ');
  return [
    `Load: ${l.users} users (${l.created} created, ${l.linked} linked) in ${(l.durationMs / 1000).toFixed(1)} s`,
    `  throughput ${l.usersPerSecond.toFixed(1)} users/s, ${l.requestsPerSecond.toFixed(1)} requests/s (${l.requests} requests)`,
    `  latency p50 ${l.latencyMs.p50.toFixed(1)} ms, p95 ${l.latencyMs.p95.toFixed(1)} ms, p99 ${l.latencyMs.p99.toFixed(1)} ms, max ${l.latencyMs.max.toFixed(1)} ms`,
    `  errors ${l.errors}${errs ? ` (${errs})` : ''}`,
  ];
}

/** The lines after the steps; the last is the `N passed, N failed` line. */
export function closingLines(r: RunResult): string[] {
  const out: string[] = [];
  if (r.load) out.push(...loadLines(r.load));
  for (const l of r.leftBehind) out.push(`Left on the target: ${l}`);
  if (r.skipped) out.push(`${r.skipped} step(s) skipped because an earlier step failed`);
  out.push(`${r.passed} passed, ${r.failed} failed`);
  return out;
}

/** The `--report` file: the whole result as JSON. */
export function reportJson(r: RunResult): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
