/**
 * A bare HTTP/1.1 client over a TCP socket, for header values that fetch and node:http refuse to
 * send (control characters, bytes above 0x7F, duplicate or oversized headers): those are what a
 * broken proxy or a hostile client can put on the wire, so the listener must answer them too.
 */
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends one request with `Connection: close` and reads the reply until the socket closes. */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: [string, string][],
  body = '',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(30_000, () => socket.destroy(new Error('no reply within 30 s')));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(statusLine);
      if (!m) {
        reject(new Error(`no HTTP reply: ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const out: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        if (i > 0) out[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      const raw = split < 0 ? '' : Buffer.from(text.slice(split + 4), 'latin1').toString('utf8');
      resolve({ status: Number(m[1]), headers: out, body: raw });
    });
    const payload = Buffer.from(body, 'utf8');
    const lines = [
      `${method} ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Connection: close',
      ...headers.map(([k, v]) => `${k}: ${v}`),
      ...(payload.length || method === 'POST' || method === 'PUT' || method === 'PATCH'
        ? [`Content-Length: ${payload.length}`]
        : []),
    ];
    // write, not end: a half-closed socket makes Node's server drop a reply that is still being
    // computed (it does not allow half-open connections); `Connection: close` ends it instead.
    socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]));
  });
}
