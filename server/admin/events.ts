/**
 * Live events from the admin service to the console: pushed on `admin:event` over IPC in
 * Electron and as Server-Sent Events in headless mode (./http.ts).
 */
import type { AdminEvent } from './contract';
import type { AdminHandlers } from './methods';

export type AdminEventListener = (event: AdminEvent) => void;

/** Something the bindings can subscribe to; `subscribe` returns the unsubscribe function. */
export interface AdminEventSource {
  subscribe(listener: AdminEventListener): () => void;
}

/** What both bindings are given: the handlers (fed parsed input) plus the event stream. */
export type AdminHost = AdminHandlers & AdminEventSource;

/**
 * A minimal fan-out. A listener that throws is isolated (logged) so that one broken
 * subscriber, e.g. a closed window, cannot stop events reaching the others.
 */
export class AdminEventBus implements AdminEventSource {
  private readonly listeners = new Set<AdminEventListener>();

  subscribe(listener: AdminEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: AdminEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (err) {
        console.error('admin event listener failed:', err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
