/**
 * Request bodies: read raw (the log keeps the text), capped, content type checked, parsed.
 * Okta posts `application/scim+json; charset=utf-8` and its SPEC test `application/json`
 * (docs/okta.md Q9): both, and any `+json` type, are accepted.
 */
import type { IncomingMessage } from 'node:http';
import { ScimError } from '../domain/errors';
import { BodyReadError, BodyTooLargeError, readBody } from '../http/read-body';

export const DEFAULT_MAX_BODY = 16 * 1024 * 1024;

export function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type === 'application/json' ||
    type === 'application/scim+json' ||
    /^application\/[a-z0-9.+-]+\+json$/.test(type)
  );
}

/**
 * The raw body text (the log keeps it), with read failures as SCIM errors: 413 over the
 * limit, 400 invalidSyntax when the client broke off.
 */
export function readScimBody(req: IncomingMessage, limit: number): Promise<string> {
  return readBody(req, limit).catch((err: unknown) => {
    if (err instanceof BodyTooLargeError) throw new ScimError(413, err.message);
    if (err instanceof BodyReadError) throw new ScimError(400, err.message, 'invalidSyntax');
    throw err;
  });
}

export function parseJson(text: string): unknown {
  if (!text.trim()) throw new ScimError(400, 'Invalid request: the body is empty', 'invalidSyntax');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ScimError(400, `Not a valid json format: ${(err as Error).message}`, 'invalidSyntax');
  }
}
