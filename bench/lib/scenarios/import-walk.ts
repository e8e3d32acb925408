/**
 * Okta's import walk (docs/okta.md §2.7): `GET /Users?startIndex=1&count=100`, then 101, 201, …
 * one page at a time until the end. Without keyset positions every page would skip all rows
 * before it (docs/architecture.md: the last page of 250k users costs 55 ms with OFFSET), so the target is
 * that the last pages cost no more than 1.5× the first ones.
 */
import { runLoad } from '../load';
import { BASE } from '../okta-traffic';
import { median } from '../stats';

export interface WalkFigures {
  count: number;
  pages: number;
  totalMs: number;
  /** median page time of the first and the last 10% of pages */
  firstMs: number;
  lastMs: number;
  lastOverFirst: number;
  /** median page time from the node:http ceiling (fixed page of the same count) */
  ceilingMs: number;
  errors: number;
}

function page(startIndex: number, count: number) {
  return { method: 'GET', path: `${BASE}/Users?startIndex=${startIndex}&count=${count}` };
}

export async function importWalk(
  origin: string,
  ceiling: string,
  users: number,
  count: number,
): Promise<WalkFigures> {
  const pages = Math.ceil(users / count);
  let seen = 0;
  const walk = await runLoad({
    origin,
    concurrency: 1,
    requests: pages,
    next: (k) => page(1 + k * count, count),
    onBody: (_k, _s, body) => {
      seen += (JSON.parse(body) as { itemsPerPage: number }).itemsPerPage;
    },
  });
  if (seen !== users) throw new Error(`import walk saw ${seen} users, expected ${users}`);
  const times = Array.from(walk.starts, (s, k) => (walk.ends[k] as number) - s);
  const tenth = Math.max(1, Math.floor(pages / 10));
  const firstMs = median(times.slice(0, tenth));
  const lastMs = median(times.slice(-tenth));
  const ref = await runLoad({
    origin: ceiling,
    concurrency: 1,
    requests: Math.min(pages, 200),
    next: () => page(1, count),
  });
  return {
    count,
    pages,
    totalMs: walk.durationMs,
    firstMs,
    lastMs,
    lastOverFirst: lastMs / firstMs,
    ceilingMs: median(Array.from(ref.starts, (s, k) => (ref.ends[k] as number) - s)),
    errors: walk.errors,
  };
}
