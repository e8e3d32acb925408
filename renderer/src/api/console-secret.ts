/**
 * The headless admin listener requires a per-launch secret, printed at start in the console URL
 * (`…/#token=SECRET` or `…/?token=SECRET`), as notebook servers do (docs/architecture.md, "Security
 * posture"). The page keeps it in sessionStorage (one tab's lifetime) and removes it from the
 * address bar so it does not linger in history or screenshots.
 */
const KEY = 'scimdesk.console-token';

/** Reads the secret from the URL (then strips it) or from sessionStorage. */
export function takeConsoleSecret(location: Location): string | null {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  const fromUrl = hash.get('token') ?? query.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(KEY, fromUrl);
    } catch {
      // storage disabled: the secret still works for this page load
    }
    query.delete('token');
    const search = query.toString();
    history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
