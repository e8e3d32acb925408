/**
 * The Connect screen's checklist: the steps of an Okta setup, each ticked by the request-log
 * entries that prove it (docs/okta.md §2, flows 2.1–2.11), with links to those entries.
 *
 * Only the traffic decides: a step is done when a request of the right shape got the answer
 * Okta needs. Classification reads the method, path, query, status and — for PUT/PATCH — the
 * request body (redacted bodies stay valid JSON; passwords are irrelevant here).
 */
import type { ChecklistStep, ChecklistStepId, LogEntry } from './contract';

/** Step order and labels, as the admin walks through Okta's Provisioning tab. */
export const CHECKLIST_STEPS: readonly { id: ChecklistStepId; label: string }[] = [
  { id: 'token-created', label: 'Create an API token and paste it into Okta' },
  { id: 'credentials-tested', label: 'Test API Credentials (GET /Users?startIndex=1&count=2 → 200)' },
  { id: 'user-created', label: 'Assign a user: POST /Users → 201' },
  { id: 'user-updated', label: 'Update a user: PUT or PATCH /Users/{id} → 200/204' },
  { id: 'user-deactivated', label: 'Deactivate a user: active=false → 200/204' },
  { id: 'group-pushed', label: 'Push a group: POST /Groups → 201' },
  { id: 'group-members', label: 'Push group membership: PATCH/PUT /Groups/{id} members → 200/204' },
];

/** Log ids kept per step (the most recent ones). */
const MAX_IDS = 10;

type Entry = Pick<
  LogEntry,
  'id' | 'time' | 'method' | 'path' | 'query' | 'status' | 'tokenName' | 'requestBody'
>;

const COLLECTION = /\/(users|groups)\/?$/i;
const ITEM = /\/(users|groups)\/[^/]+\/?$/i;

function resourceOf(path: string): { type: 'users' | 'groups'; item: boolean } | null {
  const item = ITEM.exec(path);
  if (item?.[1]) return { type: item[1].toLowerCase() as 'users' | 'groups', item: true };
  const coll = COLLECTION.exec(path);
  if (coll?.[1]) return { type: coll[1].toLowerCase() as 'users' | 'groups', item: false };
  return null;
}

/** Query parameter by name, case-insensitively (clients send `startindex` too). */
function param(query: string, name: string): string | undefined {
  for (const [k, v] of new URLSearchParams(query)) if (k.toLowerCase() === name.toLowerCase()) return v;
  return undefined;
}

function parseBody(body: string | null): Record<string, unknown> | null {
  if (!body) return null;
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A key of `obj` matched case-insensitively (Entra capitalises; RFC 7643 §2.1 names are case-insensitive). */
function field(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

const isFalse = (v: unknown): boolean =>
  v === false || (typeof v === 'string' && v.toLowerCase() === 'false');

interface PatchFacts {
  deactivates: boolean;
  /** touches something other than `active` */
  updatesProfile: boolean;
  touchesMembers: boolean;
}

/**
 * What a PATCH body does, for both dialects Okta uses: path-less `replace` with an object
 * value (deactivation, docs/okta.md §2.4; group rename, §2.10) and path-scoped member ops (§2.11).
 */
function patchFacts(body: Record<string, unknown>): PatchFacts {
  const facts: PatchFacts = { deactivates: false, updatesProfile: false, touchesMembers: false };
  const ops = field(body, 'Operations');
  if (!Array.isArray(ops)) return facts;
  for (const raw of ops) {
    if (!raw || typeof raw !== 'object') continue;
    const op = raw as Record<string, unknown>;
    const path = field(op, 'path');
    const value = field(op, 'value');
    if (typeof path === 'string' && path.trim() !== '') {
      const p = path.trim().toLowerCase();
      if (p === 'active') {
        if (isFalse(value)) facts.deactivates = true;
      } else if (p.startsWith('members')) {
        facts.touchesMembers = true;
      } else {
        facts.updatesProfile = true;
      }
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const key = k.toLowerCase();
        if (key === 'active') {
          if (isFalse(v)) facts.deactivates = true;
        } else if (key === 'members') {
          facts.touchesMembers = true;
        } else if (key !== 'id' && key !== 'schemas') {
          facts.updatesProfile = true;
        }
      }
    }
  }
  return facts;
}

/** The checklist steps one log entry proves (none for most traffic). */
export function classifyEntry(e: Entry): ChecklistStepId[] {
  const res = resourceOf(e.path);
  if (!res) return [];
  const method = e.method.toUpperCase();
  const success = e.status === 200 || e.status === 204;
  const out: ChecklistStepId[] = [];
  if (res.type === 'users' && !res.item) {
    // docs/okta.md §2.1: "Test API Credentials" is exactly GET /Users?startIndex=1&count=2, authenticated.
    if (method === 'GET' && e.status === 200 && e.tokenName !== null) {
      if (param(e.query, 'startIndex') === '1' && param(e.query, 'count') === '2')
        out.push('credentials-tested');
    }
    if (method === 'POST' && e.status === 201) out.push('user-created');
    return out;
  }
  if (res.type === 'groups' && !res.item) {
    if (method === 'POST' && e.status === 201) out.push('group-pushed');
    return out;
  }
  if (!success || (method !== 'PUT' && method !== 'PATCH')) return out;
  const body = parseBody(e.requestBody);
  if (res.type === 'users') {
    if (method === 'PUT') {
      // AIW apps deactivate with GET + PUT of the whole user with active=false (docs/okta.md §2.4).
      out.push(body && isFalse(field(body, 'active')) ? 'user-deactivated' : 'user-updated');
    } else if (body) {
      const f = patchFacts(body);
      if (f.deactivates) out.push('user-deactivated');
      if (f.updatesProfile) out.push('user-updated');
    }
    return out;
  }
  // groups item: AIW pushes membership as PUT with `members` (§2.9); OIN as PATCH (§2.11, §2.12).
  if (body && (method === 'PUT' ? field(body, 'members') !== undefined : patchFacts(body).touchesMembers)) {
    out.push('group-members');
  }
  return out;
}

/** Incremental checklist state, fed with log entries oldest first. */
export class ChecklistTracker {
  private readonly proofs = new Map<ChecklistStepId, { at: string; ids: string[] }>();
  private tokenAt: string | null = null;

  /** Records an entry; returns true if any step changed. */
  observe(e: Entry): boolean {
    const steps = classifyEntry(e);
    for (const id of steps) {
      const p = this.proofs.get(id);
      if (!p) this.proofs.set(id, { at: e.time, ids: [e.id] });
      else if (!p.ids.includes(e.id)) p.ids = [...p.ids, e.id].slice(-MAX_IDS);
    }
    return steps.length > 0;
  }

  /** The first step is proven by the token list, not by traffic: the earliest live token. */
  setTokens(creationTimes: readonly string[]): boolean {
    const at = creationTimes.length ? ([...creationTimes].sort()[0] ?? null) : null;
    const changed = at !== this.tokenAt;
    this.tokenAt = at;
    return changed;
  }

  reset(): void {
    this.proofs.clear();
  }

  steps(): ChecklistStep[] {
    return CHECKLIST_STEPS.map(({ id, label }) => {
      if (id === 'token-created') {
        return { id, label, done: this.tokenAt !== null, at: this.tokenAt, logIds: [] };
      }
      const p = this.proofs.get(id);
      return { id, label, done: !!p, at: p?.at ?? null, logIds: p ? [...p.ids].reverse() : [] };
    });
  }
}
