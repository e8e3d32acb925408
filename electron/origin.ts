/**
 * The origin of a URL as Chromium sees it for our privileged scheme.
 *
 * Why not `new URL(u).origin`: Node's URL follows the WHATWG rule that only "special"
 * schemes (http, https, ws, wss, ftp, file) have a tuple origin; for `app://scimdesk/` it
 * returns the string "null" — in the main process too, which runs Node. Chromium gives a
 * scheme registered as `standard` a real origin, so we compute `scheme://host[:port]` the same way.
 */
export function originOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!url.host) return null;
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/** True when `raw` is a URL on one of `origins` (exact origin match). */
export function isOnOrigin(raw: string, origins: readonly string[]): boolean {
  const o = originOf(raw);
  return o !== null && origins.includes(o);
}
