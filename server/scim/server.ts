/**
 * The SCIM listener: an Express app that serves SCIM and nothing else (no console, no admin
 * routes, no static files: it is the only thing a tunnel exposes, design.md). One lean
 * handler instead of a middleware stack, because the framework, not the store, sets the pace
 * (design.md "Durability with sql.js").
 */
import express, { type Express, type Request, type Response } from 'express';
import type { LogEntry } from '../domain/request-record';
import type { ObservedResponse } from '../core';
import { credentialFrom, type TokenService } from '../auth/tokens';
import type { RequestLog } from '../log/request-log';
import { redactBody, redactHeaders, redactResponseBody } from '../log/redact';
import { StoreUnavailableError } from '../store/types';
import { DEFAULT_MAX_BODY, isJsonType, parseJson, readBody } from './body';
import type { ScimContext } from './context';
import {
  describeTenant,
  descriptionKey,
  getResourceTypes,
  getSchemas,
  patchSchema,
  serviceProviderConfig,
} from './discovery';
import { errorBody, errorContentType } from './error-body';
import { ScimError } from '../domain/errors';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from './groups';
import type { RateLimiter } from './rate-limit';
import type { Reply } from './reply';
import { resolveRoute, type Route } from './routes';
import { search } from './search';
import type { Tenant } from './tenant';
import {
  deleteTenantSchema,
  isTenantSchemaId,
  patchTenantSchema,
  putTenantSchema,
} from './tenant-schema/endpoint';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './users';

export interface ScimServerDeps {
  tenant: Tenant;
  tokens: TokenService;
  log: RequestLog;
  /** null when rate limiting is off */
  limiter: () => RateLimiter | null;
  orgKey: () => string;
  saveEnabledAttributes: (names: string[]) => Promise<void>;
  maxBodyBytes?: number;
  /** test seam (StartOptions.observeResponse) */
  observeResponse?: (r: ObservedResponse) => void;
}

const SCIM_TYPE = 'application/scim+json; charset=utf-8';

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function baseUrl(req: Request, route: Route): string {
  // Behind a tunnel (cloudflared, ngrok) the public scheme arrives as X-Forwarded-Proto.
  const proto = header(req, 'x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  const host = header(req, 'x-forwarded-host') ?? header(req, 'host') ?? '127.0.0.1';
  return `${proto}://${host}${route.base}`;
}

const ALLOWED: Record<string, string[]> = {
  collection: ['GET', 'POST'],
  item: ['GET', 'PUT', 'PATCH', 'DELETE'],
  discovery: ['GET'],
  schema: ['GET', 'PATCH'],
};

function methodNotAllowed(allowed: string[]): ScimError {
  return new ScimError(405, `Method not allowed here; allowed: ${allowed.join(', ')}`, undefined, {
    Allow: allowed.join(', '),
  });
}

async function dispatch(
  deps: ScimServerDeps,
  ctx: ScimContext,
  req: Request,
  route: Route,
  query: URLSearchParams,
  body: () => unknown,
): Promise<Reply> {
  const t = deps.tenant;
  const m = req.method;
  const ifMatch = header(req, 'if-match');
  const ifNoneMatch = header(req, 'if-none-match');
  if (route.search) {
    if (m !== 'POST') throw methodNotAllowed(['POST']);
    return search(
      t,
      ctx,
      route.resource === 'Users' || route.resource === 'Groups' ? route.resource : null,
      body(),
    );
  }
  switch (route.resource) {
    case 'Users':
      if (route.id === null) {
        if (m === 'GET') return listUsers(t, ctx, query);
        if (m === 'POST') return createUser(t, ctx, body());
        throw methodNotAllowed(ALLOWED['collection'] as string[]);
      }
      if (m === 'GET') return getUser(t, ctx, route.id, query, ifNoneMatch);
      if (m === 'PUT') return replaceUser(t, ctx, route.id, body(), ifMatch);
      if (m === 'PATCH') return patchUser(t, ctx, route.id, body(), ifMatch);
      if (m === 'DELETE') return deleteUser(t, ctx, route.id, ifMatch);
      throw methodNotAllowed(ALLOWED['item'] as string[]);
    case 'Groups':
      if (route.id === null) {
        if (m === 'GET') return listGroups(t, ctx, query);
        if (m === 'POST') return createGroup(t, ctx, body());
        throw methodNotAllowed(ALLOWED['collection'] as string[]);
      }
      if (m === 'GET') return getGroup(t, ctx, route.id, query, ifNoneMatch);
      if (m === 'PUT') return replaceGroup(t, ctx, route.id, body(), ifMatch);
      if (m === 'PATCH') return patchGroup(t, ctx, route.id, body(), ifMatch);
      if (m === 'DELETE') return deleteGroup(t, ctx, route.id, ifMatch);
      throw methodNotAllowed(ALLOWED['item'] as string[]);
    case 'ServiceProviderConfig':
      if (route.id !== null) throw new ScimError(404, `No such resource: ${req.path}`);
      if (m !== 'GET') throw methodNotAllowed(ALLOWED['discovery'] as string[]);
      return serviceProviderConfig(ctx, deps.maxBodyBytes ?? DEFAULT_MAX_BODY);
    case 'ResourceTypes':
      if (m !== 'GET') throw methodNotAllowed(ALLOWED['discovery'] as string[]);
      return getResourceTypes(t, ctx, route.id ?? undefined);
    case 'Schemas':
      if (m === 'GET') return getSchemas(t, ctx, query, route.id ?? undefined);
      if (route.id !== null && isTenantSchemaId(route.id)) {
        if (m === 'PUT') return putTenantSchema(t, ctx, body());
        if (m === 'PATCH') return patchTenantSchema(t, ctx, body());
        if (m === 'DELETE') return deleteTenantSchema(t, ctx);
      }
      if (m === 'PATCH' && route.id !== null)
        return patchSchema(t, ctx, route.id, body(), deps.saveEnabledAttributes);
      throw methodNotAllowed(ALLOWED['schema'] as string[]);
    default:
      throw new ScimError(404, `No such SCIM endpoint: ${req.path}`);
  }
}

function resourceTypeOf(route: Route | null): LogEntry['resourceType'] {
  if (route?.resource === 'Users') return 'User';
  if (route?.resource === 'Groups') return 'Group';
  if (route?.resource) return 'Discovery';
  return 'Other';
}

export function createScimApp(deps: ScimServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', false);
  const maxBody = deps.maxBodyBytes ?? DEFAULT_MAX_BODY;

  app.use((req: Request, res: Response) => {
    const started = process.hrtime.bigint();
    const { id: requestId, seq } = deps.log.nextId();
    const url = new URL(req.url, 'http://scim.invalid');
    const route = resolveRoute(url.pathname);
    const ctx: ScimContext = {
      requestId,
      baseUrl: route ? baseUrl(req, route) : '',
      profile: deps.tenant.profile,
      tenant: deps.tenant.settings,
      warnings: [],
      resources: [],
      patchStyle: null,
    };
    let tokenName: string | null = null;
    let rawBody: string | null = null;

    const finish = (reply: Reply, contentType: string): void => {
      const text =
        reply.status === 204 || reply.status === 304 ? '' : (reply.json ?? JSON.stringify(reply.body));
      const headers: Record<string, string> = { ...(reply.headers ?? {}) };
      if (text.length) headers['Content-Type'] = contentType;
      res.status(reply.status);
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.end(text);
      deps.observeResponse?.({
        method: req.method,
        url: req.url,
        status: reply.status,
        contentType: headers['Content-Type'] ?? null,
        body: typeof text === 'string' ? text : text.toString('utf8'),
        descriptionKey: descriptionKey(deps.tenant),
        describe: () => describeTenant(deps.tenant, ctx),
      });
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      deps.log.append({
        id: requestId,
        seq,
        time: new Date().toISOString(),
        method: req.method,
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        status: reply.status,
        durationMs: Math.round(durationMs * 100) / 100,
        tokenName,
        userAgent: header(req, 'user-agent') ?? null,
        resourceType: resourceTypeOf(route),
        resources: ctx.resources,
        warnings: ctx.warnings,
        patchStyle: ctx.patchStyle,
        requestHeaders: redactHeaders(req.headers),
        requestBody: redactBody(rawBody),
        responseHeaders: redactHeaders(headers),
        responseBody: redactResponseBody(text),
      });
    };

    const fail = (err: unknown): void => {
      let e: ScimError;
      if (err instanceof ScimError) e = err;
      else if (err instanceof StoreUnavailableError) {
        e = new ScimError(
          503,
          `The write could not be saved and was not applied: ${err.message}`,
          undefined,
          {
            'Retry-After': '5',
          },
        );
      } else {
        console.error('SCIM handler failed:', err);
        e = new ScimError(500, 'Internal error.');
      }
      if (e.status >= 500) ctx.warnings.push(e.detail);
      finish(
        { status: e.status, body: errorBody(e, ctx.profile), headers: e.headers },
        errorContentType(ctx.profile),
      );
    };

    const run = async (): Promise<Reply> => {
      // Browsers are never SCIM clients; refusing any request with an Origin keeps a page
      // the admin visits from driving the endpoint (no CORS headers are ever sent either).
      if (header(req, 'origin') !== undefined) {
        throw new ScimError(403, 'Requests from web pages (with an Origin header) are not accepted');
      }
      if (!route) throw new ScimError(404, `No such SCIM endpoint: ${url.pathname}`);
      if (route.orgKey !== null && route.orgKey !== deps.orgKey()) {
        throw new ScimError(404, `Unknown organisation key in ${route.base}`);
      }
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
      const who = deps.tokens.verify(presented);
      if (!who) {
        throw new ScimError(401, 'Invalid or revoked token', undefined, {
          'WWW-Authenticate': 'Bearer realm="scimdesk", error="invalid_token"',
        });
      }
      tokenName = who.clientName;
      const limiter = deps.limiter();
      if (limiter && !limiter.take()) {
        throw new ScimError(429, 'Too many requests: the tenant allows a limited request rate', undefined, {
          'Retry-After': '1',
        });
      }
      if ((route.resource === null && !route.search) || route.extra)
        throw new ScimError(404, `No such SCIM endpoint: ${url.pathname}`);
      let parsed: unknown;
      if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
        const contentType = header(req, 'content-type');
        rawBody = await readBody(req, maxBody);
        if (!isJsonType(contentType)) {
          throw new ScimError(
            415,
            `Unsupported content type "${contentType ?? ''}": send application/scim+json or application/json`,
          );
        }
        parsed = parseJson(rawBody);
      }
      return dispatch(deps, ctx, req, route, url.searchParams, () => parsed);
    };

    run().then((reply) => finish(reply, SCIM_TYPE), fail);
  });
  return app;
}
