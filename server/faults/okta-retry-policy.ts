/**
 * Okta's documented retry behaviour after a 429 (docs/okta.md §1, from Okta's "Handle SCIM
 * server rate limiting"): an integer Retry-After is honoured; without one, or with an HTTP
 * date, Okta waits 5 minutes, doubling the wait on each further 429, for at most 10 attempts.
 * Okta documents no retry timing for other failures.
 */
export const OKTA_MAX_ATTEMPTS = 10;
export const OKTA_DEFAULT_WAIT_MS = 5 * 60_000;

/** Retry-After as whole seconds, or null when absent or an HTTP date. */
export function retryAfterSeconds(value: string | null): number | null {
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * The wait Okta documents before retrying after `status` (null: none documented). `prior429s`
 * counts the 429s without a usable Retry-After earlier in the same chain (the doubling).
 */
export function oktaExpectedDelayMs(
  status: number,
  retryAfter: string | null,
  prior429s: number,
): number | null {
  if (status !== 429) return null;
  const seconds = retryAfterSeconds(retryAfter);
  if (seconds !== null) return seconds * 1000;
  return OKTA_DEFAULT_WAIT_MS * 2 ** prior429s;
}

/** Whether a retry `at` (ms) came no earlier than the Retry-After of an answer sent at `answeredAt`. */
export function honoursRetryAfter(retryAfter: string | null, answeredAt: number, at: number): boolean | null {
  if (retryAfter === null) return null;
  const seconds = retryAfterSeconds(retryAfter);
  if (seconds !== null) return at - answeredAt >= seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? null : at >= date;
}
