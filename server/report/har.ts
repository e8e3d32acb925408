/**
 * HAR 1.2 export of request-log entries (http://www.softwareishard.com/blog/har-12-spec/), so
 * Chrome DevTools (Network > Import HAR) and HAR viewers open them. Built from the log's
 * entries, which are redacted when logged (server/log/redact.ts): tokens in headers and
 * passwords in bodies never reach the file.
 */
import type { LogEntry } from '../domain/request-record';

interface HarNameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; params: HarNameValue[]; text: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
    comment?: string;
  };
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

const pairs = (h: Record<string, string>): HarNameValue[] =>
  Object.entries(h).map(([name, value]) => ({ name, value }));

function headerOf(h: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function mimeOf(h: Record<string, string>): string {
  return headerOf(h, 'content-type') ?? 'application/scim+json';
}

export function harEntry(e: LogEntry): HarEntry {
  const host =
    headerOf(e.requestHeaders, 'x-forwarded-host') ?? headerOf(e.requestHeaders, 'host') ?? '127.0.0.1';
  const proto =
    headerOf(e.requestHeaders, 'x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  const url = `${proto}://${host}${e.path}${e.query ? `?${e.query}` : ''}`;
  const duration = Math.max(0, e.durationMs);
  const started = new Date(Date.parse(e.time) - duration).toISOString();
  const reqBody = e.requestBody;
  const resBody = e.responseBody;
  const entry: HarEntry = {
    startedDateTime: started,
    time: duration,
    request: {
      method: e.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(e.requestHeaders),
      queryString: [...new URLSearchParams(e.query)].map(([name, value]) => ({ name, value })),
      headersSize: -1,
      bodySize: reqBody ? Buffer.byteLength(reqBody) : 0,
    },
    response: {
      status: e.status,
      statusText: STATUS_TEXT[e.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(e.responseHeaders),
      content: {
        size: resBody ? Buffer.byteLength(resBody) : 0,
        mimeType: resBody ? mimeOf(e.responseHeaders) : 'x-unknown',
        ...(resBody ? { text: resBody } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: resBody ? Buffer.byteLength(resBody) : 0,
    },
    cache: {},
    // The server measures the whole exchange only: it is all "wait" (server time).
    timings: { send: 0, wait: duration, receive: 0 },
    comment: `ScimDesk ${e.id}: ${e.oktaAction}${e.warnings.length ? `; ${e.warnings.join('; ')}` : ''}`,
  };
  if (reqBody) entry.request.postData = { mimeType: mimeOf(e.requestHeaders), params: [], text: reqBody };
  return entry;
}

export function toHar(entries: readonly LogEntry[], version: string, comment?: string): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'ScimDesk', version },
      entries: [...entries].sort((a, b) => a.seq - b.seq).map(harEntry),
      ...(comment ? { comment } : {}),
    },
  };
}
