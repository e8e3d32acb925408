/** One-line descriptions of a fault rule and of a Retries outcome, for the Faults screen. */
import type { FaultRule, RetryChain } from '../../../server/admin/contract';

const list = (v: string | string[] | undefined) =>
  v === undefined ? null : Array.isArray(v) ? v.join('/') : v;

export function matchText(rule: FaultRule): string {
  const m = rule.match;
  const parts = [list(m.method) ?? 'any method', list(m.resource) ?? 'any resource'];
  if (m.path) parts.push(`path ~ /${m.path}/`);
  if (m.token) parts.push(`token "${m.token}"`);
  if (m.userName) parts.push(`userName ~ /${m.userName}/i`);
  if (m.displayName) parts.push(`displayName ~ /${m.displayName}/i`);
  return parts.join(' · ');
}

export function respondText(rule: FaultRule): string {
  const r = rule.respond;
  const parts: string[] = [];
  if (r.afterWrite) parts.push('apply, then');
  if (r.delayMs) parts.push(`wait ${r.delayMs} ms`);
  if (r.drop) parts.push('drop the connection');
  if (r.status !== undefined)
    parts.push(`${r.status}${r.retryAfter !== undefined ? ` (Retry-After ${r.retryAfter})` : ''}`);
  if (!r.drop && r.status === undefined) parts.push('then answer normally');
  return parts.join(' ');
}

export function scheduleText(rule: FaultRule): string {
  const parts: string[] = [];
  if (rule.times !== undefined) parts.push(`${rule.times}×`);
  if (rule.every !== undefined) parts.push(`every ${rule.every}th`);
  if (rule.ratePerSecond !== undefined) parts.push(`beyond ${rule.ratePerSecond}/s`);
  if (rule.probability !== undefined)
    parts.push(`p=${rule.probability}${rule.seed !== undefined ? ` seed ${rule.seed}` : ''}`);
  return parts.join(', ') || 'always';
}

export const OUTCOME_TEXT: Record<RetryChain['outcome'], string> = {
  succeeded: 'Succeeded',
  conflict: '409 after lost acknowledgement',
  found: 'Found by lookup',
  failed: 'Failed',
  'gave-up': 'Gave up',
  waiting: 'Waiting for a retry',
};
