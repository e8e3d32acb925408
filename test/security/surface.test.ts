/**
 * What the SCIM listener exposes (issue 4, "Security"; docs/architecture.md "Security posture"):
 * - nothing but SCIM: the console and the admin API live on another listener, and their paths
 *   are SCIM 404s here, with or without a token (the SCIM listener is what a tunnel exposes);
 * - both listeners bind 127.0.0.1 unless told otherwise: a connection to this machine's
 *   non-loopback address is refused (with a control listener on 0.0.0.0 proving the probe works);
 * - a request carrying a browser Origin is refused (403, SCIM body), so a web page the admin
 *   visits cannot drive the endpoint; no Access-Control-* header is ever sent, preflight included;
 * - tokens are compared as SHA-256 digests with crypto.timingSafeEqual, never as strings.
 */
import { readFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from '../../server/console';
import type { AdminHttpServer } from '../../server/admin/http';
import { startTestServer, TOKEN, type TestServer } from '../support/scim-server';
import { expectScimError } from '../support/scim-error';

let s: TestServer;
let admin: AdminHttpServer;

beforeAll(async () => {
  s = await startTestServer();
  admin = await startConsole(s.core, { port: 0 });
});
afterAll(async () => {
  await admin.close();
  await s.close();
});

/** This machine's first non-internal IPv4 address, if it has one. */
function externalAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** 'connected' or the socket error code. */
function probe(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.setTimeout(10_000, () =>
      socket.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('the SCIM listener serves SCIM only', () => {
  const paths = [
    '/',
    '/index.html',
    '/admin/api/info',
    '/admin/events',
    '/admin/api/listTokens',
    '/assets/index.js',
    '/favicon.ico',
    '/api/v2/scim/../../admin/api/info',
    '/api/v2/scim/admin/api/info',
  ];
  it.each(paths)('%s is a SCIM 404, with or without a token', async (path) => {
    const origin = new URL(s.base).origin;
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
      const res = await fetch(`${origin}${path}`, { headers });
      const body = await expectScimError(
        res,
        path.includes('/api/v2/scim/') ? (res.status === 401 ? 401 : 404) : 404,
      );
      expect(body.detail).not.toMatch(/console|<html/i);
    }
  });

  it('the console is served by the admin listener, on another port', async () => {
    expect(admin.port).not.toBe(s.core.port);
    expect(admin.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('listeners bind loopback by default', () => {
  it('the SCIM and admin listeners report 127.0.0.1', () => {
    expect(s.core.host).toBe('127.0.0.1');
    expect(new URL(s.core.scimUrl).hostname).toBe('127.0.0.1');
    expect(new URL(admin.origin).hostname).toBe('127.0.0.1');
  });

  it('neither accepts a connection on this machine’s non-loopback address', async () => {
    const ext = externalAddress();
    if (!ext) {
      console.log('no non-loopback IPv4 address on this machine: bind check limited to the reported host');
      return;
    }
    // Control: a listener on all interfaces is reachable there, so a refusal below means something.
    const control = createServer((c) => c.destroy());
    await new Promise<void>((r) => control.listen(0, '0.0.0.0', r));
    try {
      expect(await probe(ext, (control.address() as AddressInfo).port)).toBe('connected');
    } finally {
      await new Promise<void>((r) => control.close(() => r()));
    }
    expect(await probe('127.0.0.1', s.core.port)).toBe('connected');
    expect(await probe(ext, s.core.port)).toBe('ECONNREFUSED');
    expect(await probe(ext, admin.port)).toBe('ECONNREFUSED');
  });
});

describe('browsers are refused and never get CORS headers', () => {
  const origins = ['https://evil.example', 'null', 'http://127.0.0.1', new URL('http://127.0.0.1:1').origin];
  it.each(origins)('Origin: %s → 403 SCIM error, token or not', async (o) => {
    for (const auth of [{}, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
      const res = await fetch(`${s.base}/Users`, { headers: { origin: o, ...auth } });
      expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
      const body = await expectScimError(res, 403);
      expect(body.detail).toMatch(/Origin/);
    }
  });

  it('a same-origin request is refused too (no page should call SCIM)', async () => {
    const res = await fetch(`${s.base}/Users`, {
      headers: { origin: new URL(s.base).origin, authorization: `Bearer ${TOKEN}` },
    });
    await expectScimError(res, 403);
  });

  it('a CORS preflight gets no Access-Control-* header', async () => {
    for (const withOrigin of [true, false]) {
      const res = await fetch(`${s.base}/Users`, {
        method: 'OPTIONS',
        headers: {
          ...(withOrigin ? { origin: 'https://evil.example' } : {}),
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
          authorization: `Bearer ${TOKEN}`,
        },
      });
      expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
      await expectScimError(res, withOrigin ? 403 : 405);
    }
  });
});

describe('token comparison', () => {
  it('hashes the presented token and compares digests with timingSafeEqual', () => {
    // A source-level check: timing cannot be asserted in a test (no timed assertions), but the
    // construction can: SHA-256 both sides, Map lookup by digest, then timingSafeEqual.
    const src = readFileSync(new URL('../../server/auth/tokens.ts', import.meta.url), 'utf8');
    expect(src).toMatch(
      /timingSafeEqual\(Buffer\.from\(hit\.tokenHash, 'hex'\), Buffer\.from\(hash, 'hex'\)\)/,
    );
    expect(src).toMatch(/const hash = hashToken\(presented\)/);
    expect(src).not.toMatch(/presented\s*===|===\s*presented/);
  });
});
