/**
 * Tiny SCIM servers for the simulator's tests (node:http, loopback only, memory only): a
 * small correct one, and the same with one defect each, the failure classes of issue 14.
 * Deliberately minimal: just enough SCIM for Okta's flows.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Defect =
  | 'none'
  | 'case-sensitive-lookup'
  | 'patch-200-no-body'
  | 'members-ignored'
  | 'no-409'
  | 'wrong-total'
  | 'active-ignored'
  | 'fixed-json';

export const TINY_TOKEN = 'tiny-token';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
type Obj = Record<string, unknown>;

interface Tiny {
  users: Map<string, Obj>;
  groups: Map<string, { id: string; displayName: string; members: string[] }>;
}

const FIXED_USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'fixed-1',
  userName: 'someone@example.com',
  name: { givenName: 'Some', familyName: 'One' },
  active: true,
};

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.statusCode = status;
  if (body === undefined) return void res.end();
  res.setHeader('Content-Type', 'application/scim+json');
  res.end(JSON.stringify(body));
}

const error = (res: ServerResponse, status: number, detail: string): void =>
  send(res, status, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    detail,
  });

/** `attr eq "value"` only, which is all Okta sends. */
function eqValue(filter: string | null, attr: string): string | null {
  const m = filter ? new RegExp(`^${attr} eq "(.*)"$`, 'i').exec(filter) : null;
  return m?.[1] ? m[1].replace(/\\"/g, '"') : null;
}

function list(res: ServerResponse, q: URLSearchParams, all: Obj[], defect: Defect): void {
  const start = Math.max(1, Number(q.get('startIndex') ?? 1));
  const count = Number(q.get('count') ?? 100);
  const page = all.slice(start - 1, start - 1 + count);
  // The wso2/ory defect: totalResults is the requested count, not the number of matches.
  const total = defect === 'wrong-total' ? count : all.length;
  send(res, 200, {
    schemas: [LIST],
    totalResults: total,
    startIndex: start,
    itemsPerPage: page.length,
    Resources: page,
  });
}

function groupRep(g: { id: string; displayName: string; members: string[] }, t: Tiny): Obj {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: g.id,
    displayName: g.displayName,
    members: g.members.map((id) => ({ value: id, display: t.users.get(id)?.['userName'] })),
  };
}

function applyMembers(g: { members: string[] }, op: Obj): void {
  const opName = String(op['op']).toLowerCase();
  const path = typeof op['path'] === 'string' ? op['path'] : null;
  const values = (v: unknown): string[] =>
    Array.isArray(v) ? v.map((m) => String((m as Obj)['value'])) : [];
  if (path === null && opName === 'replace') {
    const v = op['value'] as Obj;
    if (Array.isArray(v['members'])) g.members = values(v['members']);
    return;
  }
  const filtered = path ? /^members\[value eq "(.*)"\]$/.exec(path) : null;
  if (opName === 'remove' && filtered) {
    g.members = g.members.filter((m) => m !== filtered[1]);
  } else if (opName === 'add' && path === 'members') {
    for (const id of values(op['value'])) if (!g.members.includes(id)) g.members.push(id);
  } else if (opName === 'replace' && path === 'members') {
    g.members = values(op['value']);
  }
}

function handle(t: Tiny, defect: Defect, req: IncomingMessage, res: ServerResponse, raw: string): void {
  if (req.headers.authorization !== `Bearer ${TINY_TOKEN}`) return error(res, 401, 'bad token');
  const url = new URL(req.url ?? '/', 'http://tiny.invalid');
  const [, kind, id] = url.pathname.split('/');
  const body = raw ? (JSON.parse(raw) as Obj) : {};
  const method = req.method ?? 'GET';
  if (defect === 'fixed-json') {
    if (!id && method === 'GET')
      return send(res, 200, {
        schemas: [LIST],
        totalResults: 1,
        startIndex: 1,
        itemsPerPage: 1,
        Resources: [FIXED_USER],
      });
    return send(
      res,
      method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200,
      method === 'DELETE' ? undefined : FIXED_USER,
    );
  }
  if (kind === 'Users') {
    if (!id && method === 'GET') {
      const want = eqValue(url.searchParams.get('filter'), 'userName');
      const same = (u: Obj): boolean =>
        defect === 'case-sensitive-lookup'
          ? u['userName'] === want
          : String(u['userName']).toLowerCase() === want?.toLowerCase();
      return list(
        res,
        url.searchParams,
        [...t.users.values()].filter((u) => want === null || same(u)),
        defect,
      );
    }
    if (!id && method === 'POST') {
      const name = String(body['userName']).toLowerCase();
      if (
        defect !== 'no-409' &&
        [...t.users.values()].some((u) => String(u['userName']).toLowerCase() === name)
      )
        return error(res, 409, 'User already exists in the database.');
      const { password: _p, ...user } = { ...body, id: randomUUID(), active: body['active'] ?? true } as Obj;
      t.users.set(String(user['id']), user);
      return send(res, 201, user);
    }
    const user = id ? t.users.get(id) : undefined;
    if (!user) return error(res, 404, 'no such user');
    if (method === 'GET') return send(res, 200, user);
    if (method === 'PUT') {
      const { password: _p, ...next } = { ...body, id: user['id'] } as Obj;
      if (defect === 'active-ignored') next['active'] = user['active'];
      t.users.set(String(user['id']), next);
      return send(res, 200, next);
    }
    if (method === 'PATCH') {
      for (const op of (body['Operations'] as Obj[]) ?? []) {
        const { password: _p, ...v } = op['value'] as Obj;
        if (defect === 'active-ignored') delete v['active'];
        Object.assign(user, v);
      }
      return defect === 'patch-200-no-body' ? send(res, 200) : send(res, 200, user);
    }
  }
  if (kind === 'Groups') {
    if (!id && method === 'GET') {
      const want = eqValue(url.searchParams.get('filter'), 'displayName')?.toLowerCase();
      const all = [...t.groups.values()].filter(
        (g) => want === undefined || g.displayName.toLowerCase() === want,
      );
      return list(
        res,
        url.searchParams,
        all.map((g) => groupRep(g, t)),
        defect,
      );
    }
    if (!id && method === 'POST') {
      const g = { id: randomUUID(), displayName: String(body['displayName']), members: [] as string[] };
      t.groups.set(g.id, g);
      return send(res, 201, groupRep(g, t));
    }
    const g = id ? t.groups.get(id) : undefined;
    if (!g) return error(res, 404, 'no such group');
    if (method === 'GET') return send(res, 200, groupRep(g, t));
    if (method === 'DELETE') return void (t.groups.delete(g.id), send(res, 204));
    if (method === 'PUT') {
      g.displayName = String(body['displayName']);
      if (defect !== 'members-ignored')
        g.members = ((body['members'] as Obj[]) ?? []).map((m) => String(m['value']));
      return send(res, 200, groupRep(g, t));
    }
    if (method === 'PATCH') {
      for (const op of (body['Operations'] as Obj[]) ?? []) {
        const v = op['value'];
        if (!op['path'] && v && typeof v === 'object' && 'displayName' in v)
          g.displayName = String((v as Obj)['displayName']);
        if (defect !== 'members-ignored') applyMembers(g, op);
      }
      return send(res, 204);
    }
  }
  return error(res, 404, 'no such endpoint');
}

/** Starts a tiny server with `defect`; resolves to its base URL and a close function. */
export async function startTinyServer(defect: Defect): Promise<{ base: string; close(): Promise<void> }> {
  const t: Tiny = { users: new Map(), groups: new Map() };
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      try {
        handle(t, defect, req, res, raw);
      } catch (err) {
        error(res, 500, (err as Error).message);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
