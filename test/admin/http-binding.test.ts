/**
 * The headless admin listener (server/admin/http.ts): secret, Host/Origin checks, payload
 * validation, static serving and SSE, against a real listener on 127.0.0.1:0.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminHttp, type AdminHttpServer } from '../../server/admin/http';
import { CONSOLE_CSP } from '../../server/admin/csp';
import { createFakeAdmin, type FakeAdmin } from './fake-admin';

const SECRET = 'test-secret-0123456789';
let dir: string;
let outside: string;
let srv: AdminHttpServer;
let fake: FakeAdmin;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: srv.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${srv.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (method: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  raw({
    method: 'POST',
    path: `/admin/api/${method}`,
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  });

beforeAll(async () => {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'scimdesk-admin-http-'));
  dir = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  await fs.mkdir(path.join(dir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>ScimDesk</title>');
  await fs.writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  await fs.writeFile(path.join(dir, 'assets', 'app.css'), 'body{}');
  await fs.writeFile(path.join(dir, '.env'), 'HIDDEN=1');
  await fs.writeFile(outside, 'do not serve');
  await fs.symlink(outside, path.join(dir, 'assets', 'link.txt'));
  fake = createFakeAdmin();
  srv = await startAdminHttp({
    admin: fake.host,
    rendererDir: dir,
    secret: SECRET,
    port: 0,
    heartbeatMs: 50,
  });
});
afterAll(async () => {
  await srv.close();
});

describe('listener', () => {
  it('binds loopback by default and prints a console URL carrying the secret in the fragment', () => {
    expect(srv.origin).toBe(`http://127.0.0.1:${srv.port}`);
    expect(srv.consoleUrl).toBe(`http://127.0.0.1:${srv.port}/#token=${SECRET}`);
  });

  it('generates a fresh 32-byte secret per launch when none is given', async () => {
    const a = await startAdminHttp({ admin: fake.host, rendererDir: dir });
    const b = await startAdminHttp({ admin: fake.host, rendererDir: dir });
    try {
      expect(Buffer.from(a.secret, 'base64url')).toHaveLength(32);
      expect(a.secret).not.toBe(b.secret);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('API calls', () => {
  it('calls the method with the validated payload (defaults applied) and wraps the result', async () => {
    const r = await api('listUsers', { search: 'ann' });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(r.body)).toEqual({
      ok: true,
      data: { method: 'listUsers', arg: { search: 'ann', offset: 0, limit: 100 } },
    });
  });

  it('answers void methods with data null, and no-arg methods accept an empty body or {}', async () => {
    expect(JSON.parse((await api('clearLog', undefined)).body)).toEqual({ ok: true, data: null });
    expect((await api('listTokens', {})).status).toBe(200);
  });

  it.each([
    ['wrong type', 'listUsers', { limit: 'ten' }],
    ['out of range', 'listUsers', { limit: 100000 }],
    ['missing field', 'createToken', {}],
    ['argument to a no-arg method', 'info', { x: 1 }],
    ['array payload', 'getUser', [1]],
  ])(
    'rejects a bad payload (%s) with invalid-input and never calls the service',
    async (_n, method, body) => {
      const before = fake.calls.length;
      const r = await api(method, body);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(fake.calls.length).toBe(before);
    },
  );

  it('maps service errors to codes and statuses without leaking internals', async () => {
    const nf = await api('getUser', { id: 'nope' });
    expect(nf.status).toBe(404);
    expect(JSON.parse(nf.body)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'user not found' },
    });
    const boom = await api('exportLog', { format: 'csv' });
    expect(boom.status).toBe(500);
    expect(boom.body).not.toContain('/secret/path');
  });

  it('refuses unknown methods, including prototype names', async () => {
    for (const m of ['nope', 'constructor', '__proto__', 'toString', 'subscribe']) {
      expect((await api(m, {})).status).toBe(404);
    }
  });

  it('refuses malformed JSON, the wrong content type, GET, and oversized bodies', async () => {
    const bad = await raw({
      method: 'POST',
      path: '/admin/api/info',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
    expect((await api('info', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(
      (await raw({ path: '/admin/api/info', headers: { authorization: `Bearer ${SECRET}` } })).status,
    ).toBe(405);
    expect((await api('listUsers', { search: 'x'.repeat(1_100_000) })).status).toBe(413);
  });
});

describe('secret', () => {
  it.each([
    ['no header', {}],
    ['wrong secret', { authorization: 'Bearer nope' }],
    ['secret prefix', { authorization: `Bearer ${SECRET.slice(0, -1)}` }],
    ['wrong scheme', { authorization: `Basic ${SECRET}` }],
  ])('401 with %s', async (_n, headers: Record<string, string>) => {
    const r = await raw({
      method: 'POST',
      path: '/admin/api/info',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
    expect(r.status).toBe(401);
  });

  it('does not accept the secret as a query parameter on API calls', async () => {
    const r = await raw({
      method: 'POST',
      path: `/admin/api/info?token=${SECRET}`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(401);
  });
});

describe('Host and Origin (DNS rebinding, CSRF)', () => {
  it('accepts the loopback names of its own port', async () => {
    for (const h of [`127.0.0.1:${srv.port}`, `localhost:${srv.port}`]) {
      expect((await api('info', {}, { host: h })).status).toBe(200);
    }
  });

  it.each(['evil.example:80', `evil.example:${0}`, '127.0.0.1', '127.0.0.1:1'])(
    '421 for Host %s',
    async (h) => {
      const host = h === 'evil.example:0' ? `evil.example:${srv.port}` : h;
      expect((await api('info', {}, { host })).status).toBe(421);
      expect((await raw({ path: '/', headers: { host } })).status).toBe(421);
    },
  );

  it('refuses a foreign Origin and accepts its own', async () => {
    expect((await api('info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('info', {}, { origin: 'null' })).status).toBe(403);
    expect((await api('info', {}, { origin: `http://127.0.0.1:${srv.port}` })).status).toBe(200);
  });

  it('never sends CORS headers', async () => {
    const r = await api('info', {}, { origin: `http://127.0.0.1:${srv.port}` });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('static console', () => {
  it('serves index.html with the CSP and security headers', async () => {
    const r = await raw({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).toContain('ScimDesk');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s', async (p, type) => {
    const r = await raw({ path: p });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(type);
  });

  it('falls back to index.html for client routes, never lists directories', async () => {
    expect((await raw({ path: '/users/123' })).body).toContain('ScimDesk');
    const d = await raw({ path: '/assets/' });
    expect(d.body).toContain('ScimDesk');
    expect(d.body).not.toContain('app.js');
    expect((await raw({ path: '/assets/missing.js' })).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/assets/link.txt',
    '/.env',
    '/%00index.html',
    '/%E0%A4%A',
  ])('refuses %s', async (p) => {
    const r = await raw({ path: p });
    expect([400, 403, 404]).toContain(r.status);
    expect(r.body).not.toContain('do not serve');
    expect(r.body).not.toContain('HIDDEN');
  });

  it('refuses other methods on static paths', async () => {
    expect((await raw({ method: 'POST', path: '/' })).status).toBe(405);
  });

  it('says the console is not built when the renderer directory is missing', async () => {
    const s = await startAdminHttp({ admin: fake.host, rendererDir: path.join(dir, 'nope') });
    try {
      const r = await new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: s.port, path: '/' }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(r).toBe(503);
    } finally {
      await s.close();
    }
  });
});

describe('events (SSE)', () => {
  function openStream(query: string): Promise<{ res: http.IncomingMessage; req: http.ClientRequest }> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: srv.port,
          path: `/admin/events${query}`,
          headers: { host: `127.0.0.1:${srv.port}` },
        },
        (res) => resolve({ res, req }),
      );
      req.on('error', reject);
    });
  }

  /** Reads the stream until `predicate` holds on everything received so far (bounded by the test timeout). */
  function readUntil(res: http.IncomingMessage, predicate: (text: string) => boolean): Promise<string> {
    return new Promise((resolve) => {
      let text = '';
      const on = (c: Buffer): void => {
        text += c.toString('utf8');
        if (predicate(text)) {
          res.off('data', on);
          resolve(text);
        }
      };
      res.on('data', on);
    });
  }

  it('401 without the token', async () => {
    const { res } = await openStream('');
    res.resume();
    expect(res.statusCode).toBe(401);
  });

  it('streams events as data lines, sends heartbeats, and unsubscribes on close', async () => {
    const { res, req } = await openStream(`?token=${encodeURIComponent(SECRET)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await readUntil(res, (t) => t.includes(': connected'));
    const before = fake.bus.size;
    expect(before).toBeGreaterThanOrEqual(1);
    fake.bus.emit({ type: 'tokens-changed', tokens: [] });
    const got = await readUntil(res, (t) => t.includes('data: '));
    expect(got).toContain('data: {"type":"tokens-changed","tokens":[]}\n\n');
    await readUntil(res, (t) => t.includes(': heartbeat'));
    req.destroy();
    await new Promise<void>((resolve) => {
      const check = (n: number): void => {
        if (fake.bus.size < before || n > 200) resolve();
        else setTimeout(() => check(n + 1), 10);
      };
      check(0);
    });
    expect(fake.bus.size).toBe(before - 1);
  });
});
