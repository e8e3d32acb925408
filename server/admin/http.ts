/**
 * Headless binding of the admin contract: a second listener, never the SCIM one (docs/architecture.md
 * "The SCIM listener serves SCIM and nothing else"), loopback-only by default, guarded by a
 * per-launch secret as notebook servers do.
 *
 *   GET  /, /assets/…           the built console (static, CSP, SPA fallback); public bytes
 *   POST /admin/api/<method>    JSON body → `AdminResult` envelope; `Authorization: Bearer <secret>`
 *   GET  /admin/events?token=…  Server-Sent Events, one `data:` line per AdminEvent
 *
 * Defences, each because a browser on the same machine is the attacker's vehicle:
 * - Host must be this listener's own host:port (DNS rebinding: a hostile page re-resolving its
 *   own name to 127.0.0.1 still sends its own name as Host);
 * - a present Origin must be this listener's origin (CSRF), and API calls must be
 *   `application/json`, which a cross-site form cannot send without a CORS preflight we never answer;
 * - the secret is compared in constant time (hashes of equal length through timingSafeEqual).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONSOLE_SECURITY_HEADERS } from './csp';
import type { AdminHost } from './events';
import { invokeAdmin, isAdminMethod, statusForAdminError, type AdminResult } from './invoke';
import { lookupStatic } from './static-files';
import { BodyTooLargeError, readBody } from '../http/read-body';

export interface AdminHttpOptions {
  admin: AdminHost;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  /** default 127.0.0.1; anything else is the user's explicit choice */
  host?: string;
  /** default 0: a free port */
  port?: number;
  /** default: 32 random bytes, base64url; fixed only in tests */
  secret?: string;
  /** SSE heartbeat comment interval, default 15 s (keeps proxies and idle timers from closing) */
  heartbeatMs?: number;
  /** request body cap for API calls, default 1 MiB */
  maxBodyBytes?: number;
}

export interface AdminHttpServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** the console URL to print: carries the secret in the fragment, which browsers never send */
  consoleUrl: string;
  secret: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function sha(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Constant-time secret check: both sides hashed first, so lengths never leak either. */
export function secretMatches(presented: string | undefined | null, secret: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  return timingSafeEqual(sha(presented), sha(secret));
}

function hostName(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  type = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, {
    ...CONSOLE_SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendResult(res: http.ServerResponse, result: AdminResult): void {
  send(res, result.ok ? 200 : statusForAdminError(result.error.code), JSON.stringify(result));
}

function fail(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }));
}

/** Starts the admin listener; resolves once it is listening. */
export async function startAdminHttp(options: AdminHttpOptions): Promise<AdminHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxBody = options.maxBodyBytes ?? 1_048_576;
  const streams = new Set<http.ServerResponse>();
  let allowedHosts = new Set<string>();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('admin listener error:', err);
      if (!res.headersSent) fail(res, 500, 'internal', 'internal error');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) return fail(res, 421, 'forbidden', 'unexpected Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${hostHeader}`) {
      return fail(res, 403, 'forbidden', 'cross-origin request refused');
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    const p = url.pathname;

    if (p.startsWith('/admin/api/')) {
      if (req.method !== 'POST') return fail(res, 405, 'invalid-input', 'use POST');
      const auth = /^Bearer[ \t]+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!secretMatches(auth, secret))
        return fail(res, 401, 'unauthorized', 'missing or wrong console secret');
      const ctype = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (ctype !== 'application/json') return fail(res, 415, 'invalid-input', 'send application/json');
      const method = p.slice('/admin/api/'.length);
      if (!isAdminMethod(method)) return fail(res, 404, 'not-found', 'unknown admin method');
      let raw: string;
      try {
        raw = await readBody(req, maxBody);
      } catch (err) {
        if (err instanceof BodyTooLargeError)
          return fail(res, 413, 'invalid-input', 'request body too large');
        throw err;
      }
      let payload: unknown;
      try {
        payload = raw.trim() === '' ? undefined : JSON.parse(raw);
      } catch {
        return fail(res, 400, 'invalid-input', 'malformed JSON');
      }
      return sendResult(res, await invokeAdmin(options.admin, method, payload));
    }

    if (p === '/admin/events') {
      if (req.method !== 'GET') return fail(res, 405, 'invalid-input', 'use GET');
      // EventSource cannot set headers, so the secret comes as a query parameter here.
      const presented =
        url.searchParams.get('token') ?? /^Bearer[ \t]+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!secretMatches(presented, secret))
        return fail(res, 401, 'unauthorized', 'missing or wrong console secret');
      return openStream(req, res);
    }
    if (p.startsWith('/admin/')) return fail(res, 404, 'not-found', 'no such admin route');

    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'invalid-input', 'use GET');
    return serveStatic(req, res, p);
  }

  function openStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      ...CONSOLE_SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    const unsubscribe = options.admin.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const beat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    const cleanup = (): void => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    };
    req.socket.setTimeout(0);
    res.on('close', cleanup);
  }

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, p: string): Promise<void> {
    const hit = await lookupStatic(options.rendererDir, p);
    if (hit.kind === 'error') {
      if (hit.status === 404 && (p === '/' || p === '/index.html')) {
        return send(
          res,
          503,
          'The console is not built: run `npm run build`.\n',
          'text/plain; charset=utf-8',
        );
      }
      return send(res, hit.status, `${hit.status}\n`, 'text/plain; charset=utf-8');
    }
    res.writeHead(200, {
      ...CONSOLE_SECURITY_HEADERS,
      'Content-Type': hit.contentType,
      'Content-Length': hit.size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(hit.file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Loopback names always; a non-loopback bind (the user's explicit choice) adds its own name.
  const names = [...LOOPBACK, hostName(host)];
  allowedHosts = new Set(names.map((n) => `${n.toLowerCase()}:${port}`));
  const origin = `http://${hostName(host)}:${port}`;

  return {
    origin,
    port,
    secret,
    consoleUrl: `${origin}/#token=${secret}`,
    close: async () => {
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
