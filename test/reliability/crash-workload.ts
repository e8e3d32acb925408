/**
 * Okta-shaped writes for the crash harness (docs/okta.md §2: 2.2 create, 2.4 path-less PATCH
 * `active`, 2.5 PUT, 2.9 group push, 2.11 membership batches), issued by concurrent workers,
 * each recording what it was acknowledged in the AckModel. A burst ends when the server dies:
 * requests then fail at the socket and stay "in flight".
 */
import { PATCH_SCHEMA, oktaGroup, oktaUser, pathlessReplace } from '../e2e/okta-bodies';
import { oktaPutBody, type AckModel, type GroupModel, type UserModel, type UserState } from './ack-model';
import type { Rng } from '../support/prng';

export interface BurstOptions {
  base: string;
  token: string;
  rng: Rng;
  workers: number;
  /** unique per trial, so userNames and group names never repeat */
  tag: string;
  /** called after every 2xx; the harness kills the server from here */
  onAck: (total: number) => void;
  /** true once the server was told to die: workers stop starting new requests */
  stopped: () => boolean;
  /** bound on requests per worker, so a burst always ends */
  maxPerWorker: number;
}

export interface BurstResult {
  acked: number;
  /** non-2xx answers: must stay empty (a 5xx here would be a refused write, a 4xx a bug) */
  refused: string[];
}

class Dead extends Error {}

async function send(o: BurstOptions, method: string, path: string, body: unknown): Promise<Response> {
  try {
    return await fetch(`${o.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/scim+json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    // Connection reset or refused: the server is gone; the write's fate is unknown.
    throw new Dead();
  }
}

/** Runs one burst until the server dies (or every worker reached maxPerWorker). */
export async function runBurst(model: AckModel, o: BurstOptions): Promise<BurstResult> {
  const result: BurstResult = { acked: 0, refused: [] };
  let seq = 0;
  const busy = new Set<string>();

  const ack = async (res: Response, what: string): Promise<unknown> => {
    const text = await res.text().catch(() => {
      throw new Dead();
    });
    if (res.status < 200 || res.status > 299) {
      result.refused.push(`${what}: ${res.status} ${text.slice(0, 300)}`);
      throw new Dead();
    }
    result.acked++;
    model.acknowledged++;
    o.onAck(model.acknowledged);
    return text ? (JSON.parse(text) as unknown) : null;
  };

  const state = (): UserState => ({
    givenName: `G${o.rng.int(0, 1e6)}`,
    familyName: `F${o.rng.int(0, 1e6)}`,
    active: o.rng.next() < 0.7,
  });

  const createUser = async (): Promise<void> => {
    const userName = `crash.${o.tag}.${seq++}@example.com`;
    const s = { ...state(), active: true };
    model.pendingUsers.set(userName, s);
    const res = await send(
      o,
      'POST',
      '/Users',
      oktaUser(userName, s.givenName, s.familyName, `ext-${userName}`),
    );
    const body = (await ack(res, `POST /Users ${userName}`)) as { id: string };
    model.pendingUsers.delete(userName);
    model.users.set(body.id, { id: body.id, userName, acked: s, inflight: null });
  };

  const updateUser = async (u: UserModel, put: boolean): Promise<void> => {
    const next = put ? state() : { ...u.acked, active: !u.acked.active };
    u.inflight = next;
    const res = put
      ? await send(o, 'PUT', `/Users/${u.id}`, oktaPutBody(u.id, u.userName, next))
      : await send(o, 'PATCH', `/Users/${u.id}`, pathlessReplace({ active: next.active }));
    await ack(res, `${put ? 'PUT' : 'PATCH'} /Users/${u.id}`);
    u.acked = next;
    u.inflight = null;
  };

  const createGroup = async (): Promise<void> => {
    const displayName = `crash-${o.tag}-${seq++}`;
    model.pendingGroups.add(displayName);
    const res = await send(o, 'POST', '/Groups', oktaGroup(displayName));
    const body = (await ack(res, `POST /Groups ${displayName}`)) as { id: string };
    model.pendingGroups.delete(displayName);
    model.groups.set(body.id, { id: body.id, displayName, acked: new Set(), inflight: null });
  };

  const membership = async (g: GroupModel): Promise<void> => {
    const current = [...g.acked];
    const removes = o.rng.sample(current, o.rng.int(0, Math.min(5, current.length)));
    const candidates = [...model.users.keys()].filter((id) => !removes.includes(id));
    const adds = o.rng.sample(candidates, o.rng.int(10, 100));
    const next = new Set(g.acked);
    for (const id of removes) next.delete(id);
    for (const id of adds) next.add(id);
    g.inflight = next;
    const Operations = [
      // Okta removes by filtered path without a value, then adds (docs/okta.md §2.11).
      ...removes.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
      {
        op: 'add',
        path: 'members',
        value: adds.map((id) => ({ value: id, display: model.users.get(id)?.userName })),
      },
    ];
    const res = await send(o, 'PATCH', `/Groups/${g.id}`, { schemas: [PATCH_SCHEMA], Operations });
    await ack(res, `PATCH /Groups/${g.id}`);
    g.acked = next;
    g.inflight = null;
  };

  /** A resource no other worker is writing right now (writes to one resource stay ordered). */
  const claim = <T extends { id: string }>(items: Iterable<T>): T | undefined => {
    const free = [...items].filter((x) => !busy.has(x.id));
    if (free.length === 0) return undefined;
    const pick = o.rng.pick(free);
    busy.add(pick.id);
    return pick;
  };

  const step = async (): Promise<void> => {
    const roll = o.rng.next();
    if (roll < 0.3 || model.users.size < 10) return createUser();
    if (roll < 0.6) {
      const u = claim(model.users.values());
      if (!u) return createUser();
      try {
        return await updateUser(u, roll < 0.45);
      } finally {
        busy.delete(u.id);
      }
    }
    if (roll < 0.66 || model.groups.size < 3) return createGroup();
    const g = claim(model.groups.values());
    if (!g) return createGroup();
    try {
      return await membership(g);
    } finally {
      busy.delete(g.id);
    }
  };

  const worker = async (): Promise<void> => {
    for (let i = 0; i < o.maxPerWorker && !o.stopped(); i++) {
      try {
        await step();
      } catch (err) {
        if (err instanceof Dead) return;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: o.workers }, worker));
  return result;
}
