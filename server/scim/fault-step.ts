/**
 * The faults step of the SCIM path (docs/faults.md): after authentication, before the request
 * is handled. Turns the fault engine's decision into what the listener does: wait, answer with
 * a SCIM error, close the connection, or let the request be applied and then answer with the
 * fault (the lost acknowledgement).
 */
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { ScimError } from '../domain/errors';
import type { FaultRule } from '../domain/fault-rule';
import type { Attempt } from '../domain/retries';
import type { IncomingMessage } from 'node:http';
import type { FaultDecision, FaultEngine } from '../faults/engine';
import type { ScimContext } from './context';

/** Thrown to close the connection without an answer (`respond.drop`). */
export class DropConnection extends Error {
  constructor(readonly rule: string) {
    super(`connection dropped by fault rule "${rule}"`);
  }
}

/** The SCIM error a rule answers with; the body is rendered in the profile's style by the caller. */
export function faultError(rule: FaultRule): ScimError {
  const r = rule.respond;
  const status = r.status as number;
  const headers: Record<string, string> = {};
  if (r.retryAfter !== undefined) headers['Retry-After'] = String(r.retryAfter);
  return new ScimError(status, r.detail ?? STATUS_CODES[status] ?? `Error ${status}`, undefined, headers);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Before the handler: wait, then answer now unless the fault comes after the write. */
export async function beforeHandling(decision: FaultDecision): Promise<void> {
  const r = decision.rule.respond;
  if (r.delayMs) await sleep(r.delayMs);
  if (r.afterWrite) return;
  if (r.drop) throw new DropConnection(decision.rule.name);
  if (r.status !== undefined) throw faultError(decision.rule);
}

/** After the handler applied the request: the answer is lost (dropped, or replaced by the fault). */
export function afterHandling(decision: FaultDecision): never {
  const r = decision.rule.respond;
  if (r.drop) throw new DropConnection(decision.rule.name);
  throw faultError(decision.rule);
}

/** userName / displayName of a request body, read leniently (a fault matches before validation). */
export function namesInBody(raw: string | null): { userName: string | null; displayName: string | null } {
  if (!raw) return { userName: null, displayName: null };
  try {
    const b = JSON.parse(raw) as Record<string, unknown> | null;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return { userName: str(b?.['userName']), displayName: str(b?.['displayName']) };
  } catch {
    return { userName: null, displayName: null };
  }
}

export function digestOf(raw: string | null): string {
  return raw ? createHash('sha256').update(raw).digest('hex').slice(0, 16) : '';
}

/** The figures of an answer the Retries view needs, read from its text only while tracking. */
export function answerFacts(status: number, text: string): Pick<Attempt, 'scimType' | 'results'> {
  const scimType = status >= 400 ? (/"scimType"\s*:\s*"(\w+)"/.exec(text)?.[1] ?? null) : null;
  const total = status === 200 ? /"totalResults"\s*:\s*(\d+)/.exec(text)?.[1] : undefined;
  return { scimType, results: total !== undefined ? Number(total) : null };
}

/** What the Retries view needs of an exchange (server.ts's Exchange has all of it). */
export interface FaultExchange {
  req: IncomingMessage;
  url: URL;
  ctx: ScimContext;
  started: bigint;
  seq: number;
  rawBody: string | null;
  label: string | null;
}

/** Records the exchange for the Retries view (only while faults are in play). */
export function observe(
  engine: FaultEngine,
  x: FaultExchange,
  status: number,
  headers: Record<string, string>,
  text: string | Buffer,
): void {
  const doneAt = Date.now();
  engine.observe({
    requestId: x.ctx.requestId,
    seq: x.seq,
    at: doneAt - Math.round(Number(process.hrtime.bigint() - x.started) / 1e6),
    doneAt,
    method: x.req.method ?? 'GET',
    path: x.url.pathname,
    query: x.url.search.replace(/^\?/, ''),
    digest: digestOf(x.rawBody),
    status,
    // totalResults and scimType come first in the bodies we write: the head is enough
    ...answerFacts(status, typeof text === 'string' ? text.slice(0, 1024) : text.toString('utf8', 0, 1024)),
    retryAfter: headers['Retry-After'] ?? null,
    fault: x.ctx.fault,
    label: x.label ?? x.ctx.resources[0]?.name ?? null,
    tokenName: x.ctx.tokenName,
  });
}
