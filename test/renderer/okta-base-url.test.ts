/**
 * The tunnel URL check on the Connect screen, against Okta's Base URL rules (docs/okta.md §1
 * "Base URL": https, no underscore) and Netskope's base path /api/v2/scim (docs/netskope.md §2).
 */
import { describe, expect, it } from 'vitest';
import { checkTunnelUrl } from '../../renderer/src/lib/okta-base-url';
import cases from './okta-base-url-cases.json';

describe('checkTunnelUrl: Okta Base URL from a tunnel URL', () => {
  it.each(cases)('$input', (c) => {
    const result = checkTunnelUrl(c.input, 'uhrdzTCOsNGQl6N6U0BW');
    if ('oktaBaseUrl' in c) {
      expect(result).toMatchObject({ ok: true, oktaBaseUrl: c.oktaBaseUrl });
      if (result.ok) expect(result.legacyBaseUrl).toBe(`${result.origin}/SCIM/V2/uhrdzTCOsNGQl6N6U0BW`);
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(c.reason);
    }
  });
});
