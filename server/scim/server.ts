/**
 * The SCIM listener: an Express app that serves SCIM and nothing else (no console, no admin
 * routes, no static files: it is the only thing a tunnel exposes, docs/architecture.md). One
 * lean handler instead of a middleware stack, because the framework, not the store, sets the
 * pace (docs/performance.md): a request runs the named steps of handle() in order, then its
 * answer is sent and recorded.
 */
import express, { type Express, type Request, type Response } from 'express';
import type { LogEntry } from '../domain/request-record';
import type { ObservedResponse } from '../core';
import { describeTenant, descriptionKey } from './discovery';
import type { TokenService } from '../auth/tokens';
import type { RequestLog } from '../log/request-log';
import { redactBody, redactHeaders, redactResponseBody } from '../log/redact';
import { StoreUnavailableError } from '../store/types';
import { DEFAULT_MAX_BODY, readScimBody } from './body';
import type { ScimContext } from './context';
import { errorBody, errorContentType } from './error-body';
import { ScimError } from '../domain/errors';
import type { Reply } from './reply';
import {
  authenticate,
  hasBody,
  header,
  parseRequestBody,
  readRequestBody,
  refuseBrowserOrigin,
  requireBase,
  requireResource,
} from './request-steps';
import type { FaultResource } from '../domain/fault-rule';
import type { FaultDecision, FaultEngine } from '../faults/engine';
import { DropConnection, afterHandling, beforeHandling, namesInBody, observe } from './fault-step';
import { dispatch } from './route-table';
import { resolveRoute, type Route } from './routes';
import type { Tenant } from './tenant';

export interface ScimServerDeps {
  tenant: Tenant;
  tokens: TokenService;
  log: RequestLog;
  /** benches only (StartOptions.floor): requests are neither classified nor logged */
  unrecorded?: boolean;
  /** fault rules (docs/faults.md), Netskope's rate limit among them; asked only while `faults.engaged` */
  faults: FaultEngine;
  /** userName / displayName of a stored user or group, for rules that match on them */
  namesOf: (resource: FaultResource, id: string) => { userName: string | null; displayName: string | null };
  orgKey: () => string;
  saveEnabledAttributes: (names: string[]) => Promise<void>;
  maxBodyBytes?: number;
  /** test seam (StartOptions.observeResponse) */
  observeResponse?: (r: ObservedResponse) => void;
}

const SCIM_TYPE = 'application/scim+json; charset=utf-8';

/** One request on its way through the steps; what record() needs once it is answered. */
interface Exchange {
  req: Request;
  res: Response;
  url: URL;
  route: Route | null;
  ctx: ScimContext;
  started: bigint;
  /**
   * When the request arrived, taken with its seq: the log's rows in seq order are then in time
   * order, even for concurrent requests that finish out of order (a burst of creates reads in
   * order by time, issue 17). durationMs says when it finished.
   */
  receivedAt: string;
  seq: number;
  rawBody: string | null;
  /** the userName or displayName a faulted request is about, for the Retries view */
  label: string | null;
  /** the parsed request body, for the Okta action classifier */
  parsedBody: unknown;
  /** Date.now() when the request arrived */
  arrived: number;
}

function baseUrl(req: Request, route: Route): string {
  // Behind a tunnel (cloudflared, ngrok) the public scheme arrives as X-Forwarded-Proto.
  const proto = header(req, 'x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  const host = header(req, 'x-forwarded-host') ?? header(req, 'host') ?? '127.0.0.1';
  return `${proto}://${host}${route.base}`;
}

/** The SCIM request path, step by step; each step throws the error the client gets. */
async function handle(deps: ScimServerDeps, x: Exchange, maxBody: number): Promise<Reply> {
  const { req, url } = x;
  refuseBrowserOrigin(req);
  const route = requireBase(x.route, url.pathname, deps.orgKey());
  const who = authenticate(req, deps.tokens);
  x.ctx.tokenName = who.clientName;
  x.ctx.simulated = who.simulated;
  requireResource(route, url.pathname);
  // Faults after authentication, before the request is handled: one property read with no rule set.
  const decision = deps.faults.engaged ? await faults(deps, x, route, maxBody) : null;
  const body =
    x.rawBody !== null
      ? parseRequestBody(req, x.rawBody)
      : await readRequestBody(req, maxBody, (raw) => (x.rawBody = raw));
  x.parsedBody = body;
  // Known before the write runs, so its history version names it (docs/history.md).
  if (!deps.unrecorded) x.ctx.oktaAction = deps.log.beginAction(actionShape(x));
  const run = async (): Promise<Reply> =>
    dispatch(
      {
        tenant: deps.tenant,
        ctx: x.ctx,
        route,
        query: url.searchParams,
        body,
        ifMatch: header(req, 'if-match'),
        ifNoneMatch: header(req, 'if-none-match'),
        maxBodyBytes: maxBody,
        saveEnabledAttributes: deps.saveEnabledAttributes,
      },
      req.method,
      url.pathname,
    );
  if (!decision?.mark.afterWrite) return run();
  // The lost acknowledgement: the request is applied once, then its answer is replaced.
  const real = await run().then(
    (r) => r.status,
    (e: unknown) => (e instanceof ScimError ? e.status : 500),
  );
  x.ctx.warnings.push(
    `fault rule "${decision.mark.rule}" replaced the real answer, ${real}, after the request was handled`,
  );
  return afterHandling(decision);
}

/**
 * The faults step (docs/faults.md): reads the body first (rules match on its userName or
 * displayName; nothing is written yet), asks the engine, and waits, answers or drops as the
 * rule says. Returns the decision for an `afterWrite` rule or a delay that lets the request on.
 */
async function faults(
  deps: ScimServerDeps,
  x: Exchange,
  route: Route,
  maxBody: number,
): Promise<FaultDecision | null> {
  const { req, url, ctx } = x;
  if (hasBody(req)) x.rawBody = await readScimBody(req, maxBody);
  const resource = route.resource as FaultResource;
  const names = () => {
    const inBody = namesInBody(x.rawBody);
    if (inBody.userName !== null || inBody.displayName !== null || route.id === null) return inBody;
    return deps.namesOf(resource, route.id);
  };
  const decision = deps.faults.decide({
    method: req.method,
    resource,
    path: url.pathname,
    tokenName: ctx.tokenName,
    names,
  });
  if (!decision) return null;
  ctx.fault = decision.mark;
  const n = names();
  x.label = resource === 'Groups' ? n.displayName : n.userName;
  await beforeHandling(decision);
  return decision;
}

/** The request as the Okta action classifier reads it (server/log/actions/). */
function actionShape(x: Exchange) {
  return {
    time: x.arrived,
    method: x.req.method,
    path: x.url.pathname,
    query: x.url.search.replace(/^\?/, ''),
    tokenName: x.ctx.tokenName,
    body: x.parsedBody,
  };
}

/** A serialised reply small enough to read for the Okta action classifier (a user, a lookup page). */
function smallJson(json: string | Buffer | undefined): unknown {
  if (json === undefined || json.length > 32 * 1024) return undefined;
  try {
    return JSON.parse(typeof json === 'string' ? json : json.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function resourceTypeOf(route: Route | null): LogEntry['resourceType'] {
  if (route?.resource === 'Users') return 'User';
  if (route?.resource === 'Groups') return 'Group';
  if (route?.resource) return 'Discovery';
  return 'Other';
}

/** Sends the answer, then appends the exchange to the request log. */
function answer(deps: ScimServerDeps, x: Exchange, reply: Reply, contentType: string): void {
  const { req, res, url, ctx } = x;
  const text = reply.status === 204 || reply.status === 304 ? '' : (reply.json ?? JSON.stringify(reply.body));
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (text.length) headers['Content-Type'] = contentType;
  res.status(reply.status);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(text);
  if (deps.faults.engaged) observe(deps.faults, x, reply.status, headers, text);
  deps.observeResponse?.({
    method: req.method,
    url: req.url,
    status: reply.status,
    contentType: headers['Content-Type'] ?? null,
    body: typeof text === 'string' ? text : text.toString('utf8'),
    descriptionKey: descriptionKey(deps.tenant),
    describe: () => describeTenant(deps.tenant, ctx),
  });
  if (deps.unrecorded) return;
  const durationMs = Number(process.hrtime.bigint() - x.started) / 1e6;
  const shape = actionShape(x);
  const oktaAction = ctx.oktaAction ?? deps.log.beginAction(shape);
  deps.log.settleAction(
    {
      ...shape,
      status: reply.status,
      response: reply.status < 300 ? (reply.body ?? smallJson(reply.json)) : undefined,
    },
    oktaAction,
  );
  deps.log.append({
    id: ctx.requestId,
    seq: x.seq,
    time: x.receivedAt,
    method: req.method,
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    status: reply.status,
    durationMs: Math.round(durationMs * 100) / 100,
    tokenName: ctx.tokenName,
    userAgent: header(req, 'user-agent') ?? null,
    resourceType: resourceTypeOf(x.route),
    resources: ctx.resources,
    warnings: ctx.warnings,
    patchStyle: ctx.patchStyle,
    fault: ctx.fault,
    oktaAction,
    ...(ctx.simulated ? { simulated: true } : {}),
    requestHeaders: redactHeaders(req.headers),
    requestBody: redactBody(x.rawBody),
    responseHeaders: redactHeaders(headers),
    responseBody: redactResponseBody(text),
  });
}

/** `respond.drop`: closes the socket without writing a byte, and logs the request as status 0. */
function drop(deps: ScimServerDeps, x: Exchange, err: DropConnection): void {
  const { req, url, ctx } = x;
  req.socket.destroy();
  ctx.warnings.push(err.message);
  if (deps.faults.engaged) observe(deps.faults, x, 0, {}, '');
  deps.log.append({
    id: ctx.requestId,
    seq: x.seq,
    time: new Date().toISOString(),
    method: req.method,
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    status: 0,
    durationMs: Math.round((Number(process.hrtime.bigint() - x.started) / 1e6) * 100) / 100,
    tokenName: ctx.tokenName,
    userAgent: header(req, 'user-agent') ?? null,
    resourceType: resourceTypeOf(x.route),
    resources: ctx.resources,
    warnings: ctx.warnings,
    patchStyle: ctx.patchStyle,
    fault: ctx.fault,
    oktaAction: ctx.oktaAction ?? deps.log.beginAction(actionShape(x)),
    requestHeaders: redactHeaders(req.headers),
    requestBody: redactBody(x.rawBody),
    responseHeaders: {},
    responseBody: null,
  });
}

/** Any failure as a SCIM error: a store that cannot persist is a 503, anything unexpected a 500. */
function answerError(deps: ScimServerDeps, x: Exchange, err: unknown): void {
  if (err instanceof DropConnection) return drop(deps, x, err);
  let e: ScimError;
  if (err instanceof ScimError) e = err;
  else if (err instanceof StoreUnavailableError) {
    e = new ScimError(503, `The write could not be saved and was not applied: ${err.message}`, undefined, {
      'Retry-After': '5',
    });
  } else {
    console.error('SCIM handler failed:', err);
    e = new ScimError(500, 'Internal error.');
  }
  // an injected 5xx is marked by its rule already; a real one is worth a warning
  if (e.status >= 500 && x.ctx.fault?.action !== 'status') x.ctx.warnings.push(e.detail);
  answer(
    deps,
    x,
    { status: e.status, body: errorBody(e, x.ctx.profile), headers: e.headers },
    errorContentType(x.ctx.profile),
  );
}

export function createScimApp(deps: ScimServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', false);
  const maxBody = deps.maxBodyBytes ?? DEFAULT_MAX_BODY;

  app.use((req: Request, res: Response) => {
    const started = process.hrtime.bigint();
    const receivedAt = new Date().toISOString();
    const { id: requestId, seq } = deps.log.nextId();
    const url = new URL(req.url, 'http://scim.invalid');
    const route = resolveRoute(url.pathname);
    const x: Exchange = {
      req,
      res,
      url,
      route,
      started,
      receivedAt,
      seq,
      rawBody: null,
      label: null,
      parsedBody: undefined,
      arrived: Date.now(),
      ctx: {
        requestId,
        tokenName: null,
        baseUrl: route ? baseUrl(req, route) : '',
        profile: deps.tenant.profile,
        tenant: deps.tenant.settings,
        warnings: [],
        resources: [],
        patchStyle: null,
        fault: null,
        oktaAction: null,
        method: req.method,
      },
    };
    handle(deps, x, maxBody).then(
      (reply) => answer(deps, x, reply, SCIM_TYPE),
      (err: unknown) => answerError(deps, x, err),
    );
  });
  return app;
}
