/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self and inclusive time per function,
 * skipping the first `skipMs` (start-up) so only the load phase counts. Used by
 * ./profile.ts; the figures quoted in optimisation commits come from it.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  totalMs: number;
}

function label(frame: ProfileNode['callFrame']): string {
  const file = frame.url.replace(/^.*\/node_modules\//, '~').replace(/^.*?\/(server|bench)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
}

/** Per-function self and inclusive ms over the samples taken after `skipMs`. */
export function summariseProfile(path: string, skipMs = 0): { totalMs: number; lines: ProfileLine[] } {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const weight = new Map<number, number>();
  let t = 0;
  let totalUs = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t / 1000 < skipMs) return;
    weight.set(id, (weight.get(id) ?? 0) + dt);
    totalUs += dt;
  });
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of weight) {
    const node = byId.get(id) as ProfileNode;
    const own = label(node.callFrame);
    self.set(own, (self.get(own) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = label((byId.get(cur) as ProfileNode).callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + us);
    }
  }
  const lines = [...total].map(([name, us]) => ({
    name,
    selfMs: (self.get(name) ?? 0) / 1000,
    totalMs: us / 1000,
  }));
  return { totalMs: totalUs / 1000, lines };
}

/** Top lines by self or inclusive time, as text. */
export function formatProfile(
  s: { totalMs: number; lines: ProfileLine[] },
  by: 'self' | 'total',
  top: number,
): string {
  const key = by === 'self' ? 'selfMs' : 'totalMs';
  const rows = [...s.lines].sort((a, b) => b[key] - a[key]).slice(0, top);
  const out = [`${by} time, ${s.totalMs.toFixed(0)} ms sampled:`];
  for (const r of rows)
    out.push(
      `${r[key].toFixed(0).padStart(7)} ms ${((100 * r[key]) / s.totalMs).toFixed(1).padStart(5)}%  ${r.name}`,
    );
  return out.join('\n');
}
