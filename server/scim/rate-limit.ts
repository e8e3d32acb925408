/**
 * Optional token-bucket limiter, off by default; Netskope's preset is 25 requests/second on the
 * SCIM routes (spec/netskope.md §11). Okta honours 429 with an integer Retry-After (spec/okta.md §1).
 */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();

  constructor(private perSecond: number) {
    this.tokens = perSecond;
  }

  setRate(perSecond: number): void {
    this.perSecond = perSecond;
    this.tokens = Math.min(this.tokens, perSecond);
  }

  /** true if the request may proceed */
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
