import { isAscii } from 'node:buffer';

/**
 * Secrets never reach the request log: tokens in `Authorization`/`Netskope-Api-Token`
 * (docs/architecture.md "Security posture") and `password` values anywhere in a JSON body (Okta sends
 * one with every create, docs/okta.md §2.2).
 */
const SECRET_HEADERS = new Set([
  'authorization',
  'netskope-api-token',
  'cookie',
  'set-cookie',
  'proxy-authorization',
]);
const SECRET_KEYS = /^(password|secret|token|client_secret)$/i;
/** Any text a secret key (or a PATCH path naming one) could hide in. */
const MAYBE_SECRET = /password|secret|token/i;
export const REDACTED = '[redacted]';
/** Bodies above this size are cut in the log (the response itself is unaffected). */
export const MAX_LOGGED_BODY = 64 * 1024;

export function redactHeaders(
  headers: Record<string, string | string[] | number | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const key = k.toLowerCase();
    const value = Array.isArray(v) ? v.join(', ') : String(v);
    if (SECRET_HEADERS.has(key)) {
      const scheme = /^(bearer|basic)\s/i.exec(value)?.[1];
      out[key] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      out[key] = value;
    }
  }
  return out;
}

function redactValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactValue);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) {
      out[k] = SECRET_KEYS.test(k) ? REDACTED : redactValue(inner);
    }
    return out;
  }
  return v;
}

/**
 * Redacts a body for the log. JSON is parsed and secret keys replaced; PATCH operations
 * whose path names a secret (`"path":"password"`) get their value replaced too. Non-JSON
 * text is kept as is. Long bodies are truncated with a marker.
 */
export function redactBody(body: string | null): string | null {
  if (body === null || body === '') return body;
  // No secret key or path can be in a text that never spells one; a JSON \u escape could spell
  // it in other letters, so such text takes the full path. Kept as sent, only truncated: most
  // requests (reads, deactivations, profile pushes without a password) never parse twice.
  if (!MAYBE_SECRET.test(body) && !body.includes('\\u')) return truncate(body);
  let text = body;
  const trimmed = body.trimStart();
  if (body.length <= 4 * 1024 * 1024 && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    try {
      const parsed = redactValue(JSON.parse(body)) as unknown;
      redactPatchOps(parsed);
      text = JSON.stringify(parsed);
    } catch {
      // not JSON: keep the text; passwords can only appear in JSON bodies we accept
      text = body.replace(/("password"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`);
    }
  }
  return truncate(text);
}

function truncate(text: string): string {
  if (text.length > MAX_LOGGED_BODY) {
    return `${text.slice(0, MAX_LOGGED_BODY)}… [truncated: ${text.length} characters in all]`;
  }
  return text;
}

/**
 * Redacts a response body: JSON that ScimDesk serialised itself (JSON.stringify, or the member
 * lists SQLite builds, test/store/members-json.test.ts), as text or UTF-8 bytes. Such JSON is
 * canonical, so parsing and re-serialising it gives back the same text: when no secret key can
 * be in it, only the truncation applies. The same result as redactBody(text), without parsing
 * every response or decoding a 20 MB member list only to keep its first 64 KiB (issue 3).
 */
export function redactResponseBody(body: string | Buffer): string | null {
  // ASCII bytes decode as latin1 into a one-byte string without UTF-8 decoding.
  const text = typeof body === 'string' ? body : body.toString(isAscii(body) ? 'latin1' : 'utf8');
  if (text === '') return null;
  return MAYBE_SECRET.test(text) ? redactBody(text) : truncate(text);
}

function redactPatchOps(body: unknown): void {
  if (!body || typeof body !== 'object') return;
  const ops = (body as Record<string, unknown>)['Operations'];
  if (!Array.isArray(ops)) return;
  for (const op of ops) {
    if (op && typeof op === 'object') {
      const o = op as Record<string, unknown>;
      if (typeof o['path'] === 'string' && /password/i.test(o['path']) && 'value' in o) o['value'] = REDACTED;
    }
  }
}
