/**
 * A token bucket: lets `perSecond` requests a second through (with a burst of as many), and
 * reports the excess. A fault rule's `ratePerSecond` schedule uses it; Netskope's preset is 25
 * requests/second on the SCIM routes (docs/netskope.md §11).
 */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  /** true if the request is within the rate */
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
