/**
 * Turns what happens in the server (request log, tenant writes, tokens, settings, store
 * health) into AdminEvents for the console, and keeps the Connect checklist current.
 *
 * User and group changes are coalesced: an Okta import or push can write hundreds of
 * resources a second, and the console only needs to know which rows to refresh.
 */
import type { ScimDeskCore } from '../core';
import type { LogEntry, LogSummary } from './contract';
import { ChecklistTracker } from './checklist';
import { AdminEventBus } from './events';

/** How long id changes are gathered before one event goes out. */
const BATCH_MS = 100;
/** Ids listed per event; beyond this the console refreshes what it shows anyway. */
const MAX_IDS = 1000;
/** PUT/PATCH proofs re-read at start-up, per resource type (their bodies are needed). */
const REBUILD_BODIES = 200;

class IdBatcher {
  private ids = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly flushTo: (ids: string[]) => void) {}

  add(ids: readonly string[]): void {
    for (const id of ids) if (this.ids.size < MAX_IDS) this.ids.add(id);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), BATCH_MS);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.ids.size) return;
    const ids = [...this.ids];
    this.ids = new Set();
    this.flushTo(ids);
  }
}

const STEP_PATH = /\/(users|groups)(\/[^/]+)?\/?$/i;

/** Could this entry prove a checklist step? (cheap test on the summary) */
function candidate(e: LogSummary): boolean {
  return e.status >= 200 && e.status < 300 && STEP_PATH.test(e.path);
}

export interface LiveEvents {
  bus: AdminEventBus;
  checklist: ChecklistTracker;
  dispose(): void;
}

/** Re-derives the checklist from the retained log (start-up, and after the log is cleared). */
function rebuild(core: ScimDeskCore, tracker: ChecklistTracker): void {
  tracker.reset();
  tracker.setTokens(core.tokens.list().map((t) => t.creationTime));
  const found: Pick<
    LogEntry,
    'id' | 'seq' | 'time' | 'method' | 'path' | 'query' | 'status' | 'tokenName' | 'requestBody'
  >[] = [];
  // GET and POST proofs need no body: the summaries suffice.
  for (const s of core.log.find((e) => candidate(e) && (e.method === 'GET' || e.method === 'POST'), 10_000)) {
    found.push({ ...s, requestBody: null });
  }
  for (const type of ['users', 'groups']) {
    const re = new RegExp(`/${type}/[^/]+/?$`, 'i');
    for (const s of core.log.find(
      (e) => candidate(e) && (e.method === 'PUT' || e.method === 'PATCH') && re.test(e.path),
      REBUILD_BODIES,
    )) {
      const full = core.log.get(s.id);
      if (full) found.push(full);
    }
  }
  found.sort((a, b) => a.seq - b.seq);
  for (const e of found) tracker.observe(e);
}

/** Subscribes to the core and returns the bus the bindings listen to. */
export function wireLiveEvents(core: ScimDeskCore): LiveEvents {
  const bus = new AdminEventBus();
  const checklist = new ChecklistTracker();
  rebuild(core, checklist);
  const emitChecklist = (): void => bus.emit({ type: 'checklist', steps: checklist.steps() });

  const users = new IdBatcher((ids) => bus.emit({ type: 'users-changed', ids }));
  const groups = new IdBatcher((ids) => bus.emit({ type: 'groups-changed', ids }));

  const onEntry = (entry: LogSummary): void => {
    bus.emit({ type: 'log', entry });
    if (!candidate(entry)) return;
    const full = entry.method === 'PUT' || entry.method === 'PATCH' ? core.log.get(entry.id) : undefined;
    if (checklist.observe(full ?? { ...entry, requestBody: null })) emitChecklist();
  };
  const onCleared = (): void => {
    bus.emit({ type: 'log-cleared' });
    rebuild(core, checklist);
    emitChecklist();
  };
  const onUsers = (ids: string[]): void => users.add(ids);
  const onGroups = (ids: string[]): void => groups.add(ids);
  const onTokens = (): void => {
    bus.emit({ type: 'tokens-changed' });
    if (checklist.setTokens(core.tokens.list().map((t) => t.creationTime))) emitChecklist();
  };
  const onSettings = (): void => bus.emit({ type: 'settings-changed' });
  const onStore = (s: { health: 'ok' | 'failed'; message: string | null }): void =>
    bus.emit({ type: 'store', health: s.health, message: s.message });

  core.log.on('entry', onEntry);
  core.log.on('cleared', onCleared);
  core.store.changes.on('users-changed', onUsers);
  core.store.changes.on('groups-changed', onGroups);
  core.events.on('tokens-changed', onTokens);
  core.events.on('settings-changed', onSettings);
  core.events.on('store', onStore);

  return {
    bus,
    checklist,
    dispose() {
      users.flush();
      groups.flush();
      core.log.off('entry', onEntry);
      core.log.off('cleared', onCleared);
      core.store.changes.off('users-changed', onUsers);
      core.store.changes.off('groups-changed', onGroups);
      core.events.off('tokens-changed', onTokens);
      core.events.off('settings-changed', onSettings);
      core.events.off('store', onStore);
    },
  };
}
