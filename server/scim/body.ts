/**
 * Request bodies: read raw (the log keeps the text), capped, content type checked, parsed.
 * Okta posts `application/scim+json; charset=utf-8` and its SPEC test `application/json`
 * (spec/okta.md Q9): both, and any `+json` type, are accepted.
 */
import type { IncomingMessage } from 'node:http';
import { ScimError } from '../domain/errors';

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

export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new ScimError(413, `Request body of ${declared} bytes exceeds the limit of ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new ScimError(413, `Request body exceeds the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => {
      if (!failed)
        reject(new ScimError(400, `Could not read the request body: ${err.message}`, 'invalidSyntax'));
    });
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
