/**
 * Headless transport: `POST /admin/api/<method>` with a JSON body and `GET /admin/events` as
 * Server-Sent Events, both on the admin listener that served this page (same origin). The
 * secret goes in `Authorization: Bearer` for fetch and as `?token=` for EventSource, which
 * cannot send headers (WHATWG HTML §9.2, EventSource constructor takes only a URL).
 */
import type { AdminEvent } from '../../../server/admin/contract';
import { AdminError, toAdminError } from './admin-error';
import type { AdminClient, StreamState, TransportMembers } from './client';
import { takeConsoleSecret } from './console-secret';
import { Listeners } from './listeners';
import { withAdminMethods } from './method-client';
import { unwrap } from './unwrap';

const EVENT_TYPES: AdminEvent['type'][] = [
  'log',
  'log-cleared',
  'users-changed',
  'groups-changed',
  'tokens-changed',
  'settings-changed',
  'checklist',
  'store',
];
/** Reconnect delays after the browser gave up on the stream (it retries by itself otherwise). */
const RETRY_MS = [1000, 2000, 5000, 10000];

/** Builds the client over fetch + EventSource on the page's own origin. */
export function createHttpTransport(location: Location): AdminClient {
  const secret = takeConsoleSecret(location);
  const events = new Listeners<AdminEvent>();
  const states = new Listeners<StreamState>();
  let state: StreamState = 'connecting';
  let source: EventSource | null = null;
  let retry = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setState = (next: StreamState) => {
    if (next === state) return;
    state = next;
    states.emit(next);
  };

  async function call(method: string, arg: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`/admin/api/${method}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(secret ? { Authorization: `Bearer ${secret}` } : {}),
        },
        body: JSON.stringify(arg ?? {}),
      });
    } catch {
      throw new AdminError('network', 'The ScimDesk server is not reachable. Is it still running?');
    }
    if (res.status === 401) {
      throw new AdminError(
        'unauthorized',
        'The console secret is missing or wrong: open the "Console:" URL printed when the server started.',
      );
    }
    const text = await res.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
    }
    if (!res.ok) throw toAdminError(body, `${method} failed with HTTP ${res.status}.`);
    return unwrap(body);
  }

  function dispatch(data: string) {
    try {
      events.emit(JSON.parse(data) as AdminEvent);
    } catch {
      // not JSON (a comment or keep-alive relayed as data): nothing to do
    }
  }

  function connect() {
    const url = `/admin/events${secret ? `?token=${encodeURIComponent(secret)}` : ''}`;
    const es = new EventSource(url);
    source = es;
    es.onopen = () => {
      retry = 0;
      setState('open');
    };
    es.onmessage = (e: MessageEvent<string>) => dispatch(e.data);
    // The server may name its events after AdminEvent['type'] instead of using the default one.
    for (const type of EVENT_TYPES) {
      es.addEventListener(type, (e) => dispatch((e as MessageEvent<string>).data));
    }
    es.onerror = () => {
      setState('reconnecting');
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        source = null;
        const delay = RETRY_MS[Math.min(retry, RETRY_MS.length - 1)] ?? 10000;
        retry += 1;
        retryTimer = setTimeout(() => {
          retryTimer = null;
          if (events.size > 0) connect();
        }, delay);
      }
    };
  }

  return withAdminMethods<TransportMembers>(
    {
      transport: 'http' as const,
      subscribe(listener) {
        const remove = events.add(listener);
        if (!source && !retryTimer) connect();
        return () => {
          remove();
          if (events.size === 0) {
            source?.close();
            source = null;
            if (retryTimer) clearTimeout(retryTimer);
            retryTimer = null;
            state = 'connecting';
          }
        };
      },
      onStreamState(listener: (s: StreamState) => void) {
        listener(state);
        return states.add(listener);
      },
    },
    // `call` checks the name against nothing: the server answers 404 for a name it does not know.
    (name, arg) => call(name, arg),
  );
}
