/**
 * Group membership at scale: Okta pushes a group, then adds (and later removes) members with
 * PATCH in batches (docs/okta.md §2.11), one request at a time per group. Members live in their
 * own table, so a batch must cost the same whether the group holds 0 or 100,000 members.
 * Then `GET /Groups/{id}?attributes=members` of the full group (Netskope serves members only
 * when asked, docs/netskope.md §6), against the node:http ceiling serving a same-size payload.
 */
import { runLoad, type LoadResult } from '../load';
import { BASE, json, oktaMembersBody } from '../okta-traffic';
import { deciles, median, percentile, sortedCopy } from '../stats';

export interface SeriesFigures {
  batch: number;
  op: 'add' | 'remove';
  batches: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  /** decile medians in order (the group growing or shrinking) */
  deciles: number[];
  /** largest decile / smallest decile */
  spread: number;
  errors: number;
}

export interface MembersGetFigures {
  members: number;
  bytes: number;
  medianMs: number;
  ceilingBytes: number;
  ceilingMedianMs: number;
  /** ScimDesk time / ceiling time */
  ratio: number;
}

const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';

function times(r: LoadResult): number[] {
  return Array.from(r.starts, (s, k) => (r.ends[k] as number) - s);
}

async function createGroup(origin: string, name: string): Promise<string> {
  let id = '';
  const r = await runLoad({
    origin,
    concurrency: 1,
    requests: 1,
    next: () => json('POST', `${BASE}/Groups`, { schemas: [GROUP_URN], displayName: name, members: [] }),
    onBody: (_k, _s, body) => (id = (JSON.parse(body) as { id: string }).id),
  });
  if (!id) throw new Error(`POST /Groups failed: ${r.errorSamples.join('; ')}`);
  return id;
}

async function series(
  origin: string,
  id: string,
  op: 'add' | 'remove',
  batch: number,
  total: number,
): Promise<SeriesFigures> {
  const batches = Math.ceil(total / batch);
  const r = await runLoad({
    origin,
    concurrency: 1,
    requests: batches,
    next: (k) =>
      json(
        'PATCH',
        `${BASE}/Groups/${id}`,
        oktaMembersBody(op, k * batch, Math.min(batch, total - k * batch)),
      ),
  });
  const t = times(r);
  const d = deciles(t);
  const sorted = sortedCopy(t);
  return {
    batch,
    op,
    batches,
    medianMs: median(t),
    p90Ms: percentile(sorted, 90),
    maxMs: percentile(sorted, 100),
    deciles: d,
    spread: Math.max(...d) / Math.min(...d),
    errors: r.errors,
  };
}

async function getMembers(origin: string, path: string): Promise<{ ms: number; bytes: number }> {
  let bytes = 0;
  await runLoad({ origin, concurrency: 1, requests: 2, next: () => ({ method: 'GET', path }) });
  const r = await runLoad({
    origin,
    concurrency: 1,
    requests: 9,
    next: () => ({ method: 'GET', path }),
    onBody: (_k, _s, body) => (bytes = Buffer.byteLength(body)),
  });
  if (r.errors) throw new Error(`GET ${path}: ${r.errorSamples.join('; ')}`);
  return { ms: median(times(r)), bytes };
}

/**
 * Grows one group to `total` members in batches of `batch`, reads it (when `read`), then
 * empties it in the same batches.
 */
export async function membershipScenario(
  origin: string,
  ceiling: string,
  batch: number,
  total: number,
  read: boolean,
): Promise<{ add: SeriesFigures; remove: SeriesFigures; get: MembersGetFigures | null }> {
  // Warm-up on a scratch group (JIT, statement cache), so the first decile measures the
  // group being small, not the server being cold; then the measured group.
  const scratch = await createGroup(origin, `Okta bench warm-up ${batch}s ${Date.now()}`);
  const warm = Math.min(total, batch * 10);
  await series(origin, scratch, 'add', batch, warm);
  await series(origin, scratch, 'remove', batch, warm);
  const id = await createGroup(origin, `Okta bench group ${batch}s ${Date.now()}`);
  const add = await series(origin, id, 'add', batch, total);
  let get: MembersGetFigures | null = null;
  if (read) {
    const mine = await getMembers(origin, `${BASE}/Groups/${id}?attributes=members`);
    const ref = await getMembers(ceiling, `${BASE}/Groups/${id}?attributes=members`);
    get = {
      members: total,
      bytes: mine.bytes,
      medianMs: mine.ms,
      ceilingBytes: ref.bytes,
      ceilingMedianMs: ref.ms,
      ratio: mine.ms / ref.ms,
    };
  }
  const remove = await series(origin, id, 'remove', batch, total);
  return { add, remove, get };
}
