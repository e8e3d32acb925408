/**
 * What a SCIM client was told: every write that got a 2xx, and the one write per resource that
 * was in flight when the server died (it may or may not have been applied). After a restart the
 * stored state of every resource must be its last acknowledged state or, if a write was in
 * flight, that write's state (docs/architecture.md "Durability with sql.js").
 *
 * Writes to one resource are issued one at a time, so "the last acknowledged value" is exact;
 * many resources are written concurrently, which is what makes group commit matter.
 */
import { USER_SCHEMA } from '../e2e/okta-bodies';

export interface UserState {
  givenName: string;
  familyName: string;
  active: boolean;
}

export interface UserModel {
  id: string;
  userName: string;
  acked: UserState;
  /** a write sent but not answered when the server died */
  inflight: UserState | null;
}

export interface GroupModel {
  id: string;
  displayName: string;
  acked: ReadonlySet<string>;
  inflight: ReadonlySet<string> | null;
}

export interface Mismatch {
  kind: 'user' | 'group';
  id: string;
  problem: string;
}

/** The scenario's memory of acknowledged writes, kept across crashes and restarts. */
export class AckModel {
  readonly users = new Map<string, UserModel>();
  readonly groups = new Map<string, GroupModel>();
  /** creates sent but never answered: userName → state sent */
  readonly pendingUsers = new Map<string, UserState>();
  readonly pendingGroups = new Set<string>();
  /** 2xx answers received over the whole run */
  acknowledged = 0;
}

export function sameUser(a: UserState, b: UserState): boolean {
  return a.givenName === b.givenName && a.familyName === b.familyName && a.active === b.active;
}

export function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The state of a SCIM User as served. */
export function userStateOf(resource: Record<string, unknown>): UserState {
  const name = (resource['name'] ?? {}) as Record<string, unknown>;
  return {
    givenName: String(name['givenName']),
    familyName: String(name['familyName']),
    active: resource['active'] === true,
  };
}

/** Okta's PUT body (docs/okta.md §2.5: the whole user, with the id). */
export function oktaPutBody(id: string, userName: string, s: UserState): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    id,
    userName,
    name: { givenName: s.givenName, familyName: s.familyName },
    emails: [{ primary: true, value: userName, type: 'work' }],
    active: s.active,
  };
}

/**
 * Checks what the restarted server holds against the model, then makes the observed state the
 * acknowledged one (an in-flight write that landed counts from now on). Users and groups that
 * a lost create may have made are adopted if found, and anything else unknown is reported.
 */
export function reconcile(
  model: AckModel,
  served: {
    users: Record<string, unknown>[];
    groups: Map<string, Set<string>>;
    groupNames: Map<string, string>;
  },
): Mismatch[] {
  const out: Mismatch[] = [];
  const byId = new Map(served.users.map((u) => [String(u['id']), u]));
  for (const m of model.users.values()) {
    const u = byId.get(m.id);
    if (!u) {
      out.push({ kind: 'user', id: m.id, problem: `acknowledged user ${m.userName} is missing` });
      continue;
    }
    const s = userStateOf(u);
    const ok = sameUser(s, m.acked) || (m.inflight !== null && sameUser(s, m.inflight));
    if (!ok) {
      out.push({
        kind: 'user',
        id: m.id,
        problem: `${m.userName}: stored ${JSON.stringify(s)}, acknowledged ${JSON.stringify(m.acked)}${m.inflight ? `, in flight ${JSON.stringify(m.inflight)}` : ''}`,
      });
    }
    m.acked = s;
    m.inflight = null;
    byId.delete(m.id);
  }
  for (const [id, u] of byId) {
    const userName = String(u['userName']);
    const sent = model.pendingUsers.get(userName);
    if (sent && sameUser(userStateOf(u), sent)) {
      model.users.set(id, { id, userName, acked: sent, inflight: null });
    } else {
      out.push({ kind: 'user', id, problem: `unexpected user ${userName} (never sent, or changed)` });
    }
  }
  model.pendingUsers.clear();

  const names = new Map(served.groupNames);
  for (const g of model.groups.values()) {
    const members = served.groups.get(g.id);
    names.delete(g.id);
    if (!members) {
      out.push({ kind: 'group', id: g.id, problem: `acknowledged group ${g.displayName} is missing` });
      continue;
    }
    const ok = sameSet(members, g.acked) || (g.inflight !== null && sameSet(members, g.inflight));
    if (!ok) {
      const lost = [...g.acked].filter((x) => !members.has(x)).length;
      out.push({
        kind: 'group',
        id: g.id,
        problem: `${g.displayName}: ${members.size} members stored, ${g.acked.size} acknowledged (${lost} acknowledged members missing)${g.inflight ? `, ${g.inflight.size} in flight` : ''}`,
      });
    }
    g.acked = members;
    g.inflight = null;
  }
  for (const [id, displayName] of names) {
    if (model.pendingGroups.has(displayName) && (served.groups.get(id)?.size ?? 0) === 0) {
      model.groups.set(id, { id, displayName, acked: new Set(), inflight: null });
    } else {
      out.push({ kind: 'group', id, problem: `unexpected group ${displayName}` });
    }
  }
  model.pendingGroups.clear();
  return out;
}
