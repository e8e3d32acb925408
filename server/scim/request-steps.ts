/**
 * The steps of a SCIM request before its handler runs, each a plain function that throws the
 * ScimError the client gets. ./server.ts calls them in order; see handle() there.
 */
import type { IncomingMessage } from 'node:http';
import { credentialFrom, type Authenticated, type TokenService } from '../auth/tokens';
import { ScimError } from '../domain/errors';
import { isJsonType, parseJson, readScimBody } from './body';
import type { Route } from './routes';

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Browsers are never SCIM clients; refusing any request with an Origin keeps a page the admin
 * visits from driving the endpoint (no CORS headers are ever sent either).
 */
export function refuseBrowserOrigin(req: IncomingMessage): void {
  if (header(req, 'origin') !== undefined) {
    throw new ScimError(403, 'Requests from web pages (with an Origin header) are not accepted');
  }
}

/** The path is under one of the tenant's base paths, with this tenant's org key if it has one. */
export function requireBase(route: Route | null, pathname: string, orgKey: string): Route {
  if (!route) throw new ScimError(404, `No such SCIM endpoint: ${pathname}`);
  if (route.orgKey !== null && route.orgKey !== orgKey) {
    throw new ScimError(404, `Unknown organisation key in ${route.base}`);
  }
  return route;
}

/** Returns the token presented (docs/netskope.md §3), or throws a 401. */
export function authenticate(req: IncomingMessage, tokens: TokenService): Authenticated {
  const presented = credentialFrom(req.headers);
  if (presented === 'missing' || presented === 'malformed') {
    throw new ScimError(
      401,
      presented === 'missing'
        ? 'Authentication required: send Authorization: Bearer <token>'
        : 'Malformed Authorization header: expected "Bearer <token>"',
      undefined,
      { 'WWW-Authenticate': 'Bearer realm="scimdesk"' },
    );
  }
  const who = tokens.verify(presented);
  if (!who) {
    throw new ScimError(401, 'Invalid or revoked token', undefined, {
      'WWW-Authenticate': 'Bearer realm="scimdesk", error="invalid_token"',
    });
  }
  return who;
}

/** The route names a resource this tenant serves (the method is checked at dispatch). */
export function requireResource(route: Route, pathname: string): void {
  if ((route.resource === null && !route.search) || route.extra)
    throw new ScimError(404, `No such SCIM endpoint: ${pathname}`);
}

/**
 * Reads and parses the body of a POST, PUT or PATCH; other methods have none. `keep` gets the
 * raw text before it is checked, so the log shows what was refused.
 */
export async function readRequestBody(
  req: IncomingMessage,
  limit: number,
  keep: (raw: string) => void,
): Promise<unknown> {
  if (!hasBody(req)) return undefined;
  const raw = await readScimBody(req, limit);
  keep(raw);
  return parseRequestBody(req, raw);
}

/** POST, PUT and PATCH carry a body; other methods' bodies are never read. */
export function hasBody(req: IncomingMessage): boolean {
  return req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
}

/** Checks the content type of a body already read (the faults step reads it first) and parses it. */
export function parseRequestBody(req: IncomingMessage, raw: string): unknown {
  const contentType = header(req, 'content-type');
  if (!isJsonType(contentType)) {
    throw new ScimError(
      415,
      `Unsupported content type "${contentType ?? ''}": send application/scim+json or application/json`,
    );
  }
  return parseJson(raw);
}
