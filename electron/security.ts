/**
 * Guards for every web contents and the session. Each cites the item of Electron's security
 * checklist (https://www.electronjs.org/docs/latest/tutorial/security) it implements.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { isOnOrigin } from './origin';

/**
 * Documentation the console links to. Only these https origins open in the user's browser;
 * everything else is dropped (checklist item 15, "Do not use shell.openExternal with untrusted
 * content").
 */
export const EXTERNAL_ALLOWLIST: readonly string[] = [
  'https://developer.okta.com',
  'https://help.okta.com',
  'https://docs.netskope.com',
  'https://datatracker.ietf.org',
  'https://www.rfc-editor.org',
  'https://developers.cloudflare.com',
  'https://ngrok.com',
  'https://github.com',
];

/** True for an https URL on an allowlisted origin, with no credentials in it. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return EXTERNAL_ALLOWLIST.includes(url.origin);
}

/**
 * Per-contents guards:
 * - item 13 "Disable or limit navigation": the console is a single page; any navigation away
 *   (a dropped link, a hostile redirect) is cancelled;
 * - item 14 "Disable or limit creation of new windows": window.open/target=_blank are denied,
 *   allowlisted docs go to the system browser instead;
 * - item 12 "Verify WebView options before creation": <webview> is never allowed.
 */
export function hardenWebContents(
  contents: WebContents,
  openExternal: (url: string) => Promise<void> = (url) => shell.openExternal(url),
): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch((err: unknown) => console.error('openExternal failed:', err));
    }
    return { action: 'deny' };
  });
}

/**
 * Item 5 "Handle session permission requests from remote content": nothing is granted, with one
 * exception — sanitised clipboard *writes* from the console itself, which its copy buttons
 * (SCIM base URL, a new token) need. Reading the clipboard stays denied.
 */
export function permissionAllowed(
  permission: string,
  requestingUrl: string,
  trustedOrigins: readonly string[],
): boolean {
  return permission === 'clipboard-sanitized-write' && isOnOrigin(requestingUrl, trustedOrigins);
}

/** Session-wide guards: permissions (item 5) and downloads (the console never downloads). */
export function hardenSession(session: Session, trustedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, trustedOrigins));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, trustedOrigins),
  );
  session.on('will-download', (event) => event.preventDefault());
}

/** Applies hardenWebContents to every web contents the app ever creates. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
