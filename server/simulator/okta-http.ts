/**
 * An HTTP client that sends what Okta's SCIM client sends (docs/okta.md §1): its User-Agent,
 * `Accept: application/scim+json`, `Accept-Charset: utf-8`, `Accept-Encoding: gzip,deflate`,
 * `application/scim+json; charset=utf-8` bodies and `Authorization: Bearer <token>`. It gives
 * up after Okta's 60-second limit and honours 429 + Retry-After the way Okta does (integer
 * seconds), with fewer and shorter waits so a simulation stays interactive.
 *
 * Node's global fetch (undici) keeps connections alive between requests, as Okta does.
 */

export const OKTA_USER_AGENT = 'Okta SCIM Client 1.0.0';
export const SCIM_JSON = 'application/scim+json; charset=utf-8';
/** Okta closes the socket after 60 s (docs/okta.md §1, "Time limit"). */
const TIME_LIMIT_MS = 60_000;
/** Okta retries a 429 up to 10 times with doubling waits; the simulator stops earlier. */
const MAX_RETRIES_429 = 4;
const MAX_WAIT_429_MS = 10_000;

export interface Exchange {
  method: string;
  /** path and query relative to the base URL, as the report shows it */
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** the parsed body, or undefined when it is empty or not JSON */
  json: unknown;
  durationMs: number;
  /** the network error or timeout, when status is 0 */
  error: string | null;
  okta: boolean;
}

export interface SendOptions {
  body?: unknown;
  /** replaces the bearer token (the credentials step tries a wrong one) */
  authorization?: string;
  /** false marks the simulator's own read-back checks */
  okta?: boolean;
}

export type ExchangeListener = (ex: Exchange) => void;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Okta accepts only integer seconds in Retry-After (docs/okta.md §1, "Rate limiting"). */
function retryAfterMs(h: string | null, attempt: number): number {
  const n = h !== null && /^\d+$/.test(h.trim()) ? Number(h) * 1000 : 1000 * 2 ** attempt;
  return Math.min(n, MAX_WAIT_429_MS);
}

export class OktaHttp {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly onExchange: ExchangeListener = () => undefined,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  get baseUrl(): string {
    return this.base;
  }

  async send(method: string, path: string, opts: SendOptions = {}): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      const ex = await this.once(method, path, opts);
      this.onExchange(ex);
      if (ex.status !== 429 || attempt >= MAX_RETRIES_429) return ex;
      await sleep(retryAfterMs(ex.headers.get('retry-after'), attempt));
    }
  }

  private async once(method: string, path: string, opts: SendOptions): Promise<Exchange> {
    const headers: Record<string, string> = {
      'User-Agent': OKTA_USER_AGENT,
      Accept: 'application/scim+json',
      'Accept-Charset': 'utf-8',
      'Accept-Encoding': 'gzip,deflate',
      Authorization: opts.authorization ?? `Bearer ${this.token}`,
    };
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = SCIM_JSON;
    }
    const started = performance.now();
    const okta = opts.okta ?? true;
    try {
      const res = await fetch(this.base + path, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIME_LIMIT_MS),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text.length ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        json = undefined;
      }
      const durationMs = performance.now() - started;
      return {
        method,
        path,
        status: res.status,
        headers: res.headers,
        text,
        json,
        durationMs,
        error: null,
        okta,
      };
    } catch (err) {
      const e = err as Error;
      const error = e.name === 'TimeoutError' ? 'no answer within 60 s (Okta gives up)' : e.message;
      return {
        method,
        path,
        status: 0,
        headers: new Headers(),
        text: '',
        json: undefined,
        durationMs: performance.now() - started,
        error,
        okta,
      };
    }
  }
}

/** Okta's filter encoding: `%20` for spaces and `%22` for quotes (docs/okta.md §1). */
export function eqFilter(attribute: string, value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return encodeURIComponent(`${attribute} eq "${escaped}"`);
}
