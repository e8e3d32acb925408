/**
 * The engine's events: 'error' (a write or snapshot could not be persisted), 'snapshot' (one
 * was written) and 'recovered' (start-up repaired the journal, or the journal works again).
 *
 * Start-up repairs happen inside openEngine(), before anyone could subscribe, so they are kept
 * and handed to every 'recovered' listener when it subscribes.
 */
export type EngineEvent = 'error' | 'snapshot' | 'recovered';
export type EngineListener = (info: { message: string }) => void;

export class EngineEvents {
  private readonly listeners = new Map<EngineEvent, Set<EngineListener>>();
  private readonly startup: string[] = [];

  recordStartup(message: string): void {
    this.startup.push(message);
  }

  on(event: EngineEvent, listener: EngineListener): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    if (event === 'recovered') {
      for (const message of this.startup) queueMicrotask(() => call(listener, message));
    }
  }

  emit(event: EngineEvent, message: string): void {
    for (const listener of this.listeners.get(event) ?? []) call(listener, message);
  }
}

function call(listener: EngineListener, message: string): void {
  try {
    listener({ message });
  } catch {
    // a listener's failure must not break the engine
  }
}
