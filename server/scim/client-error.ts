/**
 * Requests that Node's HTTP parser refuses (a control character in a header value, a header
 * line without a colon, headers over 16 KiB) never reach the Express app, and Node answers them
 * with an empty 400 or 431. The SCIM listener answers every error as SCIM error JSON
 * (docs/architecture.md "Security posture"; RFC 7644 §3.12), so those get one too.
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody, errorContentType } from './error-body';
import { ScimError } from '../domain/errors';
import type { Profile } from '../domain/profiles';

/** Status and detail for a parser error code (llhttp's HPE_* codes, Node's ERR_HTTP_REQUEST_TIMEOUT). */
function describe(code: string | undefined): { status: number; detail: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, detail: 'Request headers are too large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_REQUEST_TIMEOUT') {
    return { status: 408, detail: 'The request was not received in time' };
  }
  return { status: 400, detail: `Malformed HTTP request (${code ?? 'parse error'})` };
}

/** Installs the handler on the SCIM listener; `profile` gives the error style at the time. */
export function answerClientErrorsAsScim(server: Server, profile: () => Profile): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset connection, or one whose reply has started, has nobody to answer.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, detail } = describe(err.code);
    const p = profile();
    const body = JSON.stringify(
      errorBody(new ScimError(status, detail, status === 400 ? 'invalidSyntax' : undefined), p),
    );
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        `Content-Type: ${errorContentType(p)}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
