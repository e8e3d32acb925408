/**
 * Turns the public tunnel URL (cloudflared/ngrok) into the Base URL the admin pastes into Okta,
 * checked the way Okta checks it: docs/okta.md §1 "Base URL" ("may not contain `_`", from
 * Okta's "Prepare your SCIM API service"), and Okta only calls SCIM endpoints over HTTPS.
 */
export type TunnelCheck =
  | { ok: true; origin: string; oktaBaseUrl: string; legacyBaseUrl: string | null }
  | { ok: false; reason: string };

/** Netskope's current SCIM base path (docs/netskope.md §2). */
export const SCIM_PATH = '/api/v2/scim';

/** Validates the tunnel URL; `orgKey` builds the legacy `/SCIM/V2/{orgKey}` alternative. */
export function checkTunnelUrl(input: string, orgKey?: string): TunnelCheck {
  const raw = input.trim();
  if (!raw) return { ok: false, reason: 'Paste the public https URL your tunnel printed.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'This is not a URL. It should look like https://name.trycloudflare.com' };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, reason: 'Okta needs https. Use the https:// URL the tunnel gives you.' };
  }
  if (raw.includes('_')) {
    return { ok: false, reason: 'Okta rejects Base URLs that contain an underscore (_).' };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'Remove the user name and password from the URL.' };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: 'Remove the query string (?…) or fragment (#…) from the URL.' };
  }
  if (url.hostname === 'localhost' || /^127\./.test(url.hostname) || url.hostname === '[::1]') {
    return { ok: false, reason: 'Okta cannot reach a loopback address: use the public tunnel URL.' };
  }
  // The admin may paste the tunnel root or a URL that already ends in the SCIM path.
  let path = url.pathname.replace(/\/+$/, '');
  if (path.toLowerCase().endsWith(SCIM_PATH)) path = path.slice(0, -SCIM_PATH.length);
  const origin = `${url.origin}${path}`;
  return {
    ok: true,
    origin,
    oktaBaseUrl: `${origin}${SCIM_PATH}`,
    legacyBaseUrl: orgKey ? `${origin}/SCIM/V2/${orgKey}` : null,
  };
}
