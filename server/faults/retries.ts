/**
 * The Retries view: pairs each injected failure with the client's next attempts at the same
 * request (same method, path and body digest) until it succeeds, meets a conflict, finds the
 * resource by a lookup, fails for another reason or gives up, and compares the waits with
 * Okta's documented behaviour (./okta-retry-policy.ts, docs/okta.md §1).
 */
import type { Attempt, RetryChain, RetryOutcome, RetryStep } from '../domain/retries';
import {
  OKTA_MAX_ATTEMPTS,
  honoursRetryAfter,
  oktaExpectedDelayMs,
  retryAfterSeconds,
} from './okta-retry-policy';

/** Without a documented wait, a client that has not retried within this long has given up. */
const UNDOCUMENTED_GIVE_UP_MS = 10 * 60_000;
const GRACE_MS = 60_000;

const keyOf = (a: Attempt): string => `${a.method} ${a.path} ${a.digest}`;
const isFailure = (a: Attempt): boolean =>
  a.fault !== null || a.status === 0 || a.status === 429 || a.status >= 500;
const ok = (s: number): boolean => s >= 200 && s < 300;

function shortPath(path: string): string {
  const m = /\/(Users|Groups|Schemas|ServiceProviderConfig|ResourceTypes)(\/.*)?$/i.exec(path);
  return m ? m[0] : path;
}

function statusText(a: Attempt): string {
  if (a.status === 0) return 'dropped';
  let s = String(a.status);
  if (a.scimType) s += ` ${a.scimType}`;
  if (a.retryAfter !== null) s += ` (Retry-After ${a.retryAfter})`;
  if (a.fault?.afterWrite) s += ' (applied)';
  return s;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A later GET on the collection that finds the resource a lost create made. */
function isLookupFor(first: Attempt, b: Attempt): boolean {
  if (!first.fault?.afterWrite || first.method !== 'POST' || b.method !== 'GET' || !first.label) return false;
  if (b.path.toLowerCase() !== first.path.toLowerCase() || b.status !== 200 || !b.results) return false;
  let q: string;
  try {
    q = decodeURIComponent(b.query.replace(/\+/g, ' '));
  } catch {
    return false;
  }
  return q.toLowerCase().includes(first.label.toLowerCase());
}

function step(a: Attempt, prev: Attempt | null, prior429s: number, lookup = false): RetryStep {
  return {
    requestId: a.requestId,
    at: new Date(a.at).toISOString(),
    status: a.status,
    scimType: a.scimType,
    retryAfter: a.retryAfter,
    rule: a.fault?.rule ?? null,
    delayMs: prev ? a.at - prev.doneAt : null,
    expectedDelayMs: prev ? oktaExpectedDelayMs(prev.status, prev.retryAfter, prior429s) : null,
    retryAfterHonoured: prev ? honoursRetryAfter(prev.retryAfter, prev.doneAt, a.at) : null,
    lookup,
  };
}

/** The chains, newest first. `now` (ms) decides whether a client still waiting has given up. */
export function pairRetries(attempts: readonly Attempt[], now: number): RetryChain[] {
  const used = new Set<number>();
  const chains: RetryChain[] = [];
  for (let i = 0; i < attempts.length; i++) {
    const first = attempts[i] as Attempt;
    if (used.has(i) || !first.fault || !isFailure(first)) continue;
    const key = keyOf(first);
    const tries: Attempt[] = [first];
    const steps: RetryStep[] = [step(first, null, 0)];
    let prior429s = 0;
    let outcome: RetryOutcome | null = null;
    for (let j = i + 1; j < attempts.length && outcome === null; j++) {
      const b = attempts[j] as Attempt;
      const prev = tries[tries.length - 1] as Attempt;
      if (keyOf(b) === key) {
        used.add(j);
        steps.push(step(b, prev, prior429s));
        if (prev.status === 429 && retryAfterSeconds(prev.retryAfter) === null) prior429s++;
        tries.push(b);
        if (ok(b.status)) outcome = 'succeeded';
        else if (b.status === 409 && first.fault.afterWrite) outcome = 'conflict';
        else if (!isFailure(b)) outcome = 'failed';
      } else if (isLookupFor(first, b)) {
        steps.push(step(b, prev, prior429s, true));
        outcome = 'found';
      }
    }
    const last = tries[tries.length - 1] as Attempt;
    if (outcome === null) {
      const expected = oktaExpectedDelayMs(last.status, last.retryAfter, prior429s);
      const window = expected === null ? UNDOCUMENTED_GIVE_UP_MS : 2 * expected + GRACE_MS;
      outcome = tries.length >= OKTA_MAX_ATTEMPTS || now - last.doneAt > window ? 'gave-up' : 'waiting';
    }
    chains.push(chainOf(first, tries, steps, outcome));
  }
  return chains.reverse();
}

function chainOf(first: Attempt, tries: Attempt[], steps: RetryStep[], outcome: RetryOutcome): RetryChain {
  const fault = first.fault as NonNullable<Attempt['fault']>;
  let summary = `${first.method} ${shortPath(first.path)}${first.label ? ` ${first.label}` : ''}: ${statusText(first)}`;
  for (let k = 1; k < steps.length; k++) {
    const s = steps[k] as RetryStep;
    const verb = s.lookup ? 'looked up after' : 'retried after';
    const what = s.lookup
      ? `${s.status}, found`
      : statusText(tries.find((t) => t.requestId === s.requestId) as Attempt);
    summary += ` → ${verb} ${seconds(s.delayMs ?? 0)} → ${what}`;
  }
  if (outcome === 'gave-up')
    summary += ` → gave up after ${tries.length} attempt${tries.length > 1 ? 's' : ''}`;
  if (outcome === 'waiting') summary += ' → waiting for a retry';
  return {
    id: first.requestId,
    method: first.method,
    path: first.path,
    label: first.label,
    rule: fault.rule,
    afterWrite: fault.afterWrite,
    steps,
    attempts: tries.length,
    outcome,
    summary,
    okta: compare(tries, steps, outcome, fault.afterWrite),
  };
}

function compare(tries: Attempt[], steps: RetryStep[], outcome: RetryOutcome, afterWrite: boolean): string[] {
  const notes: string[] = [];
  steps.forEach((s, k) => {
    if (k === 0 || s.delayMs === null) return;
    const prev = steps[k - 1] as RetryStep;
    if (s.expectedDelayMs === null) return;
    const waited = seconds(s.delayMs);
    if (retryAfterSeconds(prev.retryAfter) !== null) {
      notes.push(
        s.retryAfterHonoured
          ? `Retry-After ${prev.retryAfter} honoured (waited ${waited}), as Okta documents.`
          : `Retry-After ${prev.retryAfter} not honoured: retried after ${waited}; Okta documents waiting for it.`,
      );
    } else {
      const expect = seconds(s.expectedDelayMs);
      notes.push(
        s.delayMs >= s.expectedDelayMs
          ? `Waited ${waited} after a 429 without a usable Retry-After; Okta documents ${expect} (5 min, doubling).`
          : `Retried after ${waited}, sooner than the ${expect} Okta documents after a 429 without a usable Retry-After.`,
      );
    }
  });
  if (tries[0]?.status !== 429 && !notes.length)
    notes.push('Okta documents its retry timing for 429 only; other failures are retried at its discretion.');
  if (tries.length > OKTA_MAX_ATTEMPTS)
    notes.push(`${tries.length} attempts: Okta documents at most ${OKTA_MAX_ATTEMPTS}.`);
  if (outcome === 'gave-up' && tries.length >= OKTA_MAX_ATTEMPTS)
    notes.push(`Gave up after ${tries.length} attempts (Okta documents at most ${OKTA_MAX_ATTEMPTS}).`);
  if (afterWrite && outcome === 'conflict')
    notes.push('The lost acknowledgement had applied the create: the retry met 409 uniqueness.');
  if (afterWrite && outcome === 'found')
    notes.push('The lost acknowledgement had applied the create: the client’s lookup found the resource.');
  return notes;
}
