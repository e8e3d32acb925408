/**
 * The Okta action classifier: which step of which Okta flow (docs/okta.md §2) a request is.
 * Most steps show in the request alone; a few only in the sequence, so the classifier keeps
 * a little memory per token: the last Test API Credentials call (its /Groups follow-up is part
 * of it, §2.1), filter lookups that found a resource (what follows on it is a link, §2.2 step 3
 * and §2.9 step 1), groups just created (the PATCH that re-asserts the name right after, §2.9
 * step 3) and the last known `active` and displayName of resources (an AIW PUT with
 * `active:false` deactivates only a user that was active, §2.4). The memory is bounded.
 */
import type { OktaAction } from '../../domain/okta-action';
import {
  asObject,
  boolOf,
  eqFilter,
  field,
  param,
  patchShape,
  routeOf,
  type ActionRequest,
} from './request-shape';

/** How long a lookup or a create stays "just before" what follows it (Okta's flows run in seconds). */
export const SEQUENCE_WINDOW_MS = 5 * 60_000;
/** Test API Credentials sends its /Groups request right after the /Users one (§2.1). */
const CREDENTIALS_WINDOW_MS = 30_000;
const MAX_REMEMBERED = 10_000;

class Bounded<V> extends Map<string, V> {
  override set(key: string, value: V): this {
    this.delete(key);
    super.set(key, value);
    if (this.size > MAX_REMEMBERED) {
      const oldest = this.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    return this;
  }
}

interface TokenMemory {
  credentialsAt: number;
  /** resources a filter lookup found: id → time */
  found: Bounded<number>;
  /** groups created: id → time */
  created: Bounded<number>;
}

export class OktaActionClassifier {
  private readonly tokens = new Map<string, TokenMemory>();
  private readonly active = new Bounded<boolean>();
  private readonly names = new Bounded<string>();

  classify(r: ActionRequest): OktaAction {
    const action = this.decide(r);
    this.remember(r, action);
    return action;
  }

  /**
   * The action from the request alone (status and response are not read), so the request path
   * can hand it to the write before dispatch; call `settle` with the answer afterwards.
   */
  begin(r: Omit<ActionRequest, 'status' | 'response'>): OktaAction {
    return this.decide({ ...r, status: 0, response: undefined });
  }

  settle(r: ActionRequest, action: OktaAction): void {
    this.remember(r, action);
  }

  private memory(token: string | null): TokenMemory {
    const key = token ?? '';
    let m = this.tokens.get(key);
    if (!m) {
      if (this.tokens.size > 100) this.tokens.clear();
      m = { credentialsAt: -Infinity, found: new Bounded(), created: new Bounded() };
      this.tokens.set(key, m);
    }
    return m;
  }

  private recent(map: Map<string, number>, id: string, now: number): boolean {
    const t = map.get(id);
    return t !== undefined && now - t <= SEQUENCE_WINDOW_MS;
  }

  private decide(r: ActionRequest): OktaAction {
    const route = routeOf(r.path);
    if (!route) return 'not-okta';
    const mem = this.memory(r.tokenName);
    const method = r.method.toUpperCase();
    const { collection, id } = route;
    if (collection === 'Schemas' || collection === 'ResourceTypes') {
      // OIN-Wizard apps with "Import User Schema" read these (docs/okta.md §1).
      return method === 'GET' ? 'schema-import' : 'not-okta';
    }
    if (collection === 'ServiceProviderConfig') return 'not-okta';
    const users = collection === 'Users';
    if (id === null) {
      if (method === 'POST') return users ? 'assign-create' : 'group-create';
      if (method !== 'GET') return 'not-okta';
      const filter = param(r.query, 'filter');
      if (filter !== undefined) {
        const eq = eqFilter(filter);
        if (!eq) return 'not-okta';
        const attr = eq.attr.toLowerCase();
        if (users && (attr === 'username' || attr === 'emails.value' || attr === 'email'))
          return 'assign-lookup';
        if (!users && attr === 'displayname') return 'group-lookup';
        return 'not-okta';
      }
      const start = param(r.query, 'startIndex');
      const count = param(r.query, 'count');
      if (users && start === '1' && count === '2') return 'test-credentials';
      if (!users && start === '1' && count === '100' && r.time - mem.credentialsAt <= CREDENTIALS_WINDOW_MS)
        return 'test-credentials';
      return users ? 'import-users' : 'import-groups';
    }
    const linked = this.recent(mem.found, id, r.time);
    if (users) return this.userItem(r, method, id, linked);
    return this.groupItem(r, method, id, linked, this.recent(mem.created, id, r.time));
  }

  private userItem(r: ActionRequest, method: string, id: string, linked: boolean): OktaAction {
    if (method === 'DELETE') return 'not-okta'; // Okta never deletes users (docs/okta.md §1)
    if (method === 'GET') return linked ? 'assign-link' : 'profile-push';
    if (method === 'PATCH') {
      const s = patchShape(r.body);
      if (!s.valid) return 'not-okta';
      if (s.active === false) return 'deactivate';
      if (s.active === true && !s.otherAttributes && !s.password) return 'reactivate';
      if (s.password && !s.otherAttributes) return 'password-push';
      return linked ? 'assign-link' : 'profile-push';
    }
    if (method === 'PUT') {
      if (linked) return 'assign-link';
      const body = asObject(r.body);
      const active = body ? boolOf(field(body, 'active')) : undefined;
      const was = this.active.get(id);
      // AIW apps deactivate and reactivate with GET + PUT of the whole user (docs/okta.md §2.4, §2.5).
      if (active === false && was !== false) return 'deactivate';
      if (active === true && was === false) return 'reactivate';
      return 'profile-push';
    }
    return 'not-okta';
  }

  private groupItem(
    r: ActionRequest,
    method: string,
    id: string,
    linked: boolean,
    justCreated: boolean,
  ): OktaAction {
    if (method === 'DELETE') return 'group-delete';
    if (method === 'GET') return linked ? 'group-link' : justCreated ? 'group-create' : 'import-groups';
    if (method === 'PATCH') {
      const s = patchShape(r.body);
      if (!s.valid || s.active !== undefined || s.password || s.otherAttributes) return 'not-okta';
      if (s.membersReplaced) return 'members-replace';
      if (s.membersAdded && s.membersRemoved) return 'members-add-remove';
      if (s.membersAdded) return 'members-add';
      if (s.membersRemoved) return 'members-remove';
      if (s.displayName !== undefined) return this.nameChange(id, s.displayName, linked, justCreated);
      return 'not-okta';
    }
    if (method === 'PUT') {
      const body = asObject(r.body);
      const name = body ? field(body, 'displayName') : undefined;
      const known = this.names.get(id);
      if (linked) return 'group-link';
      if (typeof name === 'string' && known !== undefined && known !== name) return 'group-rename';
      // AIW pushes membership as a PUT of the whole group (docs/okta.md §2.9, AIW sequence).
      return justCreated || field(body ?? {}, 'members') !== undefined ? 'members-replace' : 'group-rename';
    }
    return 'not-okta';
  }

  /** A path-less replace of displayName: a link's rename, the name re-asserted after a create, or a rename. */
  private nameChange(id: string, name: string, linked: boolean, justCreated: boolean): OktaAction {
    if (linked) return 'group-link';
    const known = this.names.get(id);
    if (justCreated && (known === undefined || known === name)) return 'group-create';
    return 'group-rename';
  }

  private remember(r: ActionRequest, action: OktaAction): void {
    const mem = this.memory(r.tokenName);
    if (action === 'test-credentials' && r.status < 300) mem.credentialsAt = r.time;
    const route = routeOf(r.path);
    if (!route || r.status >= 300) return;
    // A 204 carries no body: what the request set is what the tenant now holds.
    if (route.id !== null && (action === 'deactivate' || action === 'reactivate'))
      this.active.set(route.id, action === 'reactivate');
    if (route.id !== null && (action === 'group-rename' || action === 'group-link')) {
      const s = patchShape(r.body);
      if (s.displayName !== undefined) this.names.set(route.id, s.displayName);
    }
    const res = asObject(r.response);
    if (!res) return;
    if ((action === 'assign-lookup' || action === 'group-lookup') && route.id === null) {
      const list = field(res, 'Resources');
      if (Array.isArray(list) && list.length === 1) {
        const found = asObject(list[0]);
        const fid = found ? field(found, 'id') : undefined;
        if (typeof fid === 'string') {
          mem.found.set(fid, r.time);
          this.note(route.collection, found as Record<string, unknown>);
        }
      }
      return;
    }
    const rid = field(res, 'id');
    if (typeof rid !== 'string') return;
    if (action === 'group-create' && route.id === null) mem.created.set(rid, r.time);
    if (action === 'assign-link' || action === 'group-link') {
      if (r.method.toUpperCase() !== 'GET') mem.found.delete(rid);
    }
    this.note(route.collection, res);
  }

  private note(collection: string, res: Record<string, unknown>): void {
    const id = field(res, 'id');
    if (typeof id !== 'string') return;
    if (collection === 'Users') {
      const a = boolOf(field(res, 'active'));
      if (a !== undefined) this.active.set(id, a);
    } else {
      const name = field(res, 'displayName');
      if (typeof name === 'string') this.names.set(id, name);
    }
  }
}
