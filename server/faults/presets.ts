/**
 * Ready-made rules the console offers and docs/faults.md lists. Netskope's rate limit is the
 * 25 requests/second its API declares for every /Users and /Groups operation
 * (docs/netskope.md §11); the Settings screen's rate-limit switch maps onto the same rule.
 */
import { RATE_LIMIT_RULE, type FaultPreset, type FaultRule } from '../domain/fault-rule';

const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

export function rateLimitRule(perSecond: number, enabled = true): FaultRule {
  return {
    name: RATE_LIMIT_RULE,
    match: { resource: ['Users', 'Groups'] },
    respond: {
      status: 429,
      retryAfter: 1,
      detail: `Too many requests: the tenant allows ${perSecond} requests per second`,
    },
    ratePerSecond: perSecond,
    enabled,
  };
}

export const FAULT_PRESETS: readonly FaultPreset[] = [
  {
    id: 'netskope-rate-limit',
    label: 'Netskope rate limit (25/s)',
    description: '429 with Retry-After: 1 for /Users and /Groups requests beyond 25 a second.',
    rule: rateLimitRule(25),
  },
  {
    id: '429-once',
    label: '429 once, Retry-After 5',
    description: 'The next write to /Users or /Groups gets 429 with Retry-After: 5; then all is normal.',
    rule: {
      name: '429-once',
      match: { method: [...WRITES], resource: ['Users', 'Groups'] },
      respond: { status: 429, retryAfter: 5 },
      times: 1,
    },
  },
  {
    id: 'flaky-503',
    label: 'Flaky: 5% 503',
    description: 'One request in twenty (seeded, so a rerun fails the same ones) gets 503.',
    rule: { name: 'flaky-503', match: {}, respond: { status: 503 }, probability: 0.05, seed: 1 },
  },
  {
    id: 'slow-tenant',
    label: 'Slow tenant: 2 s',
    description: 'Every request is answered normally, 2 seconds late.',
    rule: { name: 'slow-tenant', match: {}, respond: { delayMs: 2000 } },
  },
  {
    id: 'lost-ack-create',
    label: 'Lost acknowledgement on create',
    description:
      'The next POST /Users or /Groups is applied, then answered 504: the client cannot know it worked.',
    rule: {
      name: 'lost-ack-create',
      match: { method: 'POST', resource: ['Users', 'Groups'] },
      respond: { status: 504, afterWrite: true, detail: 'Gateway timeout' },
      times: 1,
    },
  },
  {
    id: 'drop-every-10th',
    label: 'Drop every 10th request',
    description: 'Every tenth request has its connection closed without an answer.',
    rule: { name: 'drop-every-10th', match: {}, respond: { drop: true }, every: 10 },
  },
];
