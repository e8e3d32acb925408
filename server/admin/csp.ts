/**
 * The console's Content Security Policy, one string for both ways the console is served:
 * the `app://` protocol in Electron (Electron security checklist item 7, "Define a Content
 * Security Policy") and the headless admin listener.
 *
 * - scripts only from the console's own origin: the Vite build emits no inline script;
 * - `connect-src 'self'`: headless fetch + EventSource go to the admin origin; under Electron
 *   the console talks over IPC and needs no network at all;
 * - inline styles are allowed because React's `style` props and Vite's CSS injection in
 *   development rely on them; they cannot run code;
 * - no plugins, no framing, no <base> rewriting, no form posts.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every console response, whatever the transport. */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
