/**
 * The console is served on `app://scimdesk/` instead of `file://` (Electron security checklist
 * item 18, "Avoid usage of the file:// protocol and prefer usage of custom protocols"): a
 * `file://` page can read any file its URL can name, while this handler serves only the built
 * renderer directory, with traversal refused (../server/admin/static-files.ts) and the CSP and
 * hardening headers on every response (checklist item 7).
 */
import { promises as fs } from 'node:fs';
import { protocol, type Session } from 'electron';
import { CONSOLE_SECURITY_HEADERS } from '../server/admin/csp';
import { lookupStatic } from '../server/admin/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'scimdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Must run before `app` is ready. `standard` gives the scheme normal URL parsing and an origin
 * (so relative asset URLs and the IPC sender check work), `secure` makes it a secure context
 * like https, `supportFetchAPI` lets the page fetch its own assets.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function plain(status: number): Response {
  return new Response(`${status}\n`, {
    status,
    headers: { ...CONSOLE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** The request handler for `app://`, separated from registration so tests can call it. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404);
    const hit = await lookupStatic(rendererDir, url.pathname);
    if (hit.kind === 'error') return plain(hit.status);
    const body = request.method === 'HEAD' ? null : await fs.readFile(hit.file);
    return new Response(body, {
      status: 200,
      headers: {
        ...CONSOLE_SECURITY_HEADERS,
        'Content-Type': hit.contentType,
        'Content-Length': String(hit.size),
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** Installs the handler on a session (default: the default session). */
export function handleAppProtocol(rendererDir: string, session?: Session): void {
  (session?.protocol ?? protocol).handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
