/**
 * Reading a request body as text, capped, for both listeners (SCIM and the headless console's
 * admin API). Each turns the failures into its own error format: BodyTooLargeError is a 413,
 * BodyReadError a 400 or a dropped connection.
 */
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    /** the Content-Length the client declared, when that alone was over the limit */
    readonly declared: number | null,
  ) {
    super(
      declared === null
        ? `Request body exceeds the limit of ${limit} bytes`
        : `Request body of ${declared} bytes exceeds the limit of ${limit} bytes`,
    );
    this.name = 'BodyTooLargeError';
  }
}

export class BodyReadError extends Error {
  constructor(cause: Error) {
    super(`Could not read the request body: ${cause.message}`);
    this.name = 'BodyReadError';
  }
}

/**
 * Resolves with the body as UTF-8 text. Rejects at once when the declared Content-Length is
 * over `limit`, or as soon as the bytes received are; the rest is still read and dropped, so
 * the connection stays usable for the answer.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError(limit, declared));
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
        chunks.length = 0;
        reject(new BodyTooLargeError(limit, null));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => {
      if (!failed) reject(new BodyReadError(err));
    });
  });
}
