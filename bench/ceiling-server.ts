/**
 * The ceiling: the SCIM routes the scenarios hit, answered with fixed, precomputed JSON, by
 * bare `node:http` (`node` kind) or by a bare Express 5 app (`express` kind, Express's own
 * cost: routing, query-less request decoration, a JSON body parser). Bodies are read and
 * parsed, as any server must; nothing is stored.
 * Run as a child: `node --import tsx bench/ceiling-server.ts <node|express> <groupMembers>`;
 * prints `listening <port>`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { BASE, LIST_URN, TOKEN, USER_URN, groupId, userId, userName } from './lib/okta-traffic';

const kind = process.argv[2] ?? 'node';
const groupMembers = Number(process.argv[3] ?? 100_000);
const ORIGIN = 'http://127.0.0.1';

/** A user as ScimDesk serves it (netskope profile), with the same keys and similar sizes. */
function user(i: number): Record<string, unknown> {
  const at = new Date(1_700_000_000_000 + i).toISOString();
  return {
    schemas: [USER_URN],
    id: userId(i),
    externalId: `00u${i.toString(36).padStart(8, '0')}bench7`,
    userName: userName(i),
    name: { givenName: `First${i}`, familyName: `Last${i}` },
    emails: [{ primary: true, value: userName(i), type: 'work' }],
    active: true,
    meta: {
      resourceType: 'User',
      created: at,
      lastModified: at,
      location: `${ORIGIN}${BASE}/Users/${userId(i)}`,
      version: 'W/"1"',
    },
  };
}

function page(from: number, count: number): string {
  const Resources = [];
  for (let i = from; i < from + count; i++) Resources.push(user(i));
  return JSON.stringify({
    schemas: [LIST_URN],
    totalResults: 100_000,
    startIndex: from + 1,
    itemsPerPage: count,
    Resources,
  });
}

/** GET /Groups/{id}?attributes=members of a group with `n` members, in ScimDesk's text format. */
function membersGroup(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(
      `{"value":"${userId(i)}","display":${JSON.stringify(userName(i))},"$ref":"${ORIGIN}${BASE}/Users/${userId(i)}","type":"User"}`,
    );
  }
  const at = new Date(1_700_000_000_000).toISOString();
  const meta = {
    resourceType: 'Group',
    created: at,
    lastModified: at,
    location: `${ORIGIN}${BASE}/Groups/${groupId(0)}`,
    version: 'W/"2"',
  };
  return `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"${groupId(0)}","members":[${parts.join(',')}],"meta":${JSON.stringify(meta)}}`;
}

const FIXED = {
  user: JSON.stringify(user(42)),
  lookup: JSON.stringify({
    schemas: [LIST_URN],
    totalResults: 1,
    startIndex: 1,
    itemsPerPage: 1,
    Resources: [user(42)],
  }),
  page100: page(0, 100),
  page200: page(0, 200),
  group: membersGroup(groupMembers),
};
const TYPE = 'application/scim+json; charset=utf-8';
const AUTH = `Bearer ${TOKEN}`;

/** Which fixed answer a request gets: [status, body or null for 204]. */
function answer(method: string, path: string, query: string): [number, string | null] {
  const rest = path.slice(BASE.length);
  if (rest === '/Users') {
    if (method === 'POST') return [201, FIXED.user];
    if (query.includes('filter=')) return [200, FIXED.lookup];
    return [200, query.includes('count=200') ? FIXED.page200 : FIXED.page100];
  }
  if (rest.startsWith('/Users/')) {
    if (method === 'PATCH') return [204, null];
    return [200, FIXED.user];
  }
  if (rest.startsWith('/Groups/')) {
    if (method === 'PATCH') return [204, null];
    return [200, FIXED.group];
  }
  return [404, '{"status":"404"}'];
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined);
      } catch (err) {
        reject(err as Error);
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string | null): void {
  res.statusCode = status;
  if (body !== null) res.setHeader('Content-Type', TYPE);
  res.end(body ?? undefined);
}

function nodeServer() {
  return createServer((req, res) => {
    if (req.headers['authorization'] !== AUTH) return send(res, 401, '{"status":"401"}');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';
    const reply = () => {
      const [status, body] = answer(method, path, query);
      send(res, status, body);
    };
    if (method === 'GET') reply();
    else readJson(req).then(reply, () => send(res, 400, '{"status":"400"}'));
  });
}

function expressServer() {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => (req.headers['authorization'] === AUTH ? next() : res.status(401).json({})));
  app.use(express.json({ type: ['application/json', 'application/scim+json'], limit: '16mb' }));
  const fixed = (req: express.Request, res: express.Response) => {
    const q = req.url.indexOf('?');
    const [status, body] = answer(req.method, req.baseUrl + req.path, q < 0 ? '' : req.url.slice(q + 1));
    if (body === null) res.status(status).end();
    else res.status(status).type(TYPE).send(body);
  };
  const r = express.Router();
  r.get('/Users', fixed);
  r.post('/Users', fixed);
  r.get('/Users/:id', fixed);
  r.put('/Users/:id', fixed);
  r.patch('/Users/:id', fixed);
  r.get('/Groups/:id', fixed);
  r.patch('/Groups/:id', fixed);
  app.use(BASE, r);
  return createServer(app);
}

const server = kind === 'express' ? expressServer() : nodeServer();
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
