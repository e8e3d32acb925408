/**
 * The Retries view's data (docs/faults.md "Retries"): each injected failure paired with what
 * the client did next about the same request, and how that compares with Okta's documented
 * retry behaviour (docs/okta.md §1). Plain types, shared with the console.
 */
import type { FaultMark } from './fault-rule';

/** One request as the fault engine tracks it while faults are in play. */
export interface Attempt {
  requestId: string;
  seq: number;
  /** when the request arrived and when it was answered (ms since the epoch) */
  at: number;
  doneAt: number;
  method: string;
  path: string;
  query: string;
  /** SHA-256 (hex, first 16) of the request body, or '' without one */
  digest: string;
  /** 0: the connection was dropped without an answer */
  status: number;
  scimType: string | null;
  retryAfter: string | null;
  fault: FaultMark | null;
  /** totalResults of a list answer (a lookup), else null */
  results: number | null;
  /** the userName or displayName the request is about, if known */
  label: string | null;
  tokenName: string | null;
}

export interface RetryStep {
  requestId: string;
  at: string;
  status: number;
  scimType: string | null;
  retryAfter: string | null;
  /** the rule that answered, if this attempt was faulted too */
  rule: string | null;
  /** since the previous attempt was answered; null for the first */
  delayMs: number | null;
  /** what Okta documents for this delay (docs/okta.md §1); null when it documents nothing */
  expectedDelayMs: number | null;
  /** for a retry after a Retry-After: whether the client waited at least that long */
  retryAfterHonoured: boolean | null;
  /** a GET lookup (not a repeat of the request) that found the resource */
  lookup: boolean;
}

export type RetryOutcome = 'succeeded' | 'conflict' | 'found' | 'failed' | 'gave-up' | 'waiting';

export interface RetryChain {
  id: string;
  method: string;
  path: string;
  label: string | null;
  rule: string;
  afterWrite: boolean;
  steps: RetryStep[];
  /** attempts of the request itself (lookups not counted) */
  attempts: number;
  outcome: RetryOutcome;
  /** e.g. "POST /Users jane@x.io: 429 (Retry-After 5) → retried after 5.1 s → 201" */
  summary: string;
  /** how the client's behaviour compares with Okta's documented one */
  okta: string[];
}
