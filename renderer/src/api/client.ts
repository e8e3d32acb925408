/**
 * The console's one client interface (docs/architecture.md "Rules that keep it simple": one client, two
 * small transports, IPC or HTTP, and the screens never know which). Screens and stores call `api()`.
 */
import type { AdminApi, AdminEvent } from '../../../server/admin/contract';
import { createHttpTransport } from './http-transport';
import { createIpcTransport, type PreloadBridge } from './ipc-transport';

/** Connection state of the live event stream, shown in the status bar. */
export type StreamState = 'connecting' | 'open' | 'reconnecting';

/** What a transport adds to the admin methods: the live event stream and its state. */
export interface TransportMembers {
  /** Registers a listener for admin events; returns the function that removes it. */
  subscribe(listener: (event: AdminEvent) => void): () => void;
  /** Registers a listener for stream state changes; returns the function that removes it. */
  onStreamState(listener: (state: StreamState) => void): () => void;
  readonly transport: 'ipc' | 'http';
}

/** AdminApi plus the live event stream. */
export type AdminClient = AdminApi & TransportMembers;

let current: AdminClient | null = null;

/** Picks the transport: the Electron preload bridge if present, HTTP+SSE otherwise. */
export function api(): AdminClient {
  if (!current) {
    const bridge = (window as unknown as { scimdesk?: PreloadBridge }).scimdesk;
    current = bridge ? createIpcTransport(bridge) : createHttpTransport(window.location);
  }
  return current;
}
