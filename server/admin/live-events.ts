/**
 * Turns what happens in the server (request log, tenant writes, tokens, settings, store
 * health) into AdminEvents for the console, and keeps the Connect checklist current.
 *
 * User and group changes are coalesced (./change-batcher.ts): an Okta import or push can write
 * hundreds of resources a second. Each event carries the changed rows, read from the store
 * when the batch is sent, so the console patches what it shows (docs/live-updates.md).
 */
import type { ScimDeskCore } from '../core';
import { ChangeBatcher, type RowsRead } from './change-batcher';
import type { GroupRow, LogEntry, LogSummary, UserRow } from './contract';
import { ChecklistTracker } from './checklist';
import { AdminEventBus } from './events';
import { toGroupRow, toTokenInfo, toUserRow } from './rows';

/** PUT/PATCH proofs re-read at start-up, per resource type (their bodies are needed). */
const REBUILD_BODIES = 200;
/** Token list pushes at most this often when only last-used times move. */
const TOKENS_MS = 1000;

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

function readUsers(core: ScimDeskCore, ids: readonly string[]): RowsRead<UserRow> {
  const { store } = core;
  return store.engine.read((r) => {
    const rows: UserRow[] = [];
    const removed: string[] = [];
    for (const id of ids) {
      const u = store.users.findById(r, id, true);
      if (u) rows.push(toUserRow(u));
      else removed.push(id);
    }
    return { rows, removed };
  });
}

function readGroups(core: ScimDeskCore, ids: readonly string[]): RowsRead<GroupRow> {
  const { store } = core;
  return store.engine.read((r) => {
    const found = [];
    const removed: string[] = [];
    for (const id of ids) {
      const g = store.groups.findById(r, id, true);
      if (g) found.push(g);
      else removed.push(id);
    }
    const warnings = store.groups.warningCounts(
      r,
      found.map((g) => g.seq),
    );
    return { rows: found.map((g) => toGroupRow(g, warnings.get(g.seq) ?? 0)), removed };
  });
}

/** Subscribes to the core and returns the bus the bindings listen to. */
export function wireLiveEvents(core: ScimDeskCore): LiveEvents {
  const bus = new AdminEventBus();
  const checklist = new ChecklistTracker();
  rebuild(core, checklist);
  const emitChecklist = (): void => bus.emit({ type: 'checklist', steps: checklist.steps() });

  const wanted = (): boolean => bus.size > 0;
  const users = new ChangeBatcher<UserRow>({
    read: (ids) => readUsers(core, ids),
    send: (change) => bus.emit({ type: 'users-changed', ...change }),
    wanted,
  });
  const groups = new ChangeBatcher<GroupRow>({
    read: (ids) => readGroups(core, ids),
    send: (change) => bus.emit({ type: 'groups-changed', ...change }),
    wanted,
  });
  // Tokens: one event shape for every change (create, revoke, a new last-used time), always
  // carrying the list. A request that authenticates moves a last-used time without any event
  // of the token service (it journals at most once a second), so log entries made with a
  // token schedule a push too, at most once a second.
  let tokensTimer: NodeJS.Timeout | null = null;
  const sendTokens = (): void => {
    if (tokensTimer) clearTimeout(tokensTimer);
    tokensTimer = null;
    bus.emit({ type: 'tokens-changed', tokens: core.tokens.list().map(toTokenInfo) });
  };
  const tokensSoon = (): void => {
    if (tokensTimer || !wanted()) return;
    tokensTimer = setTimeout(sendTokens, TOKENS_MS);
    tokensTimer.unref();
  };

  const onEntry = (entry: LogSummary): void => {
    bus.emit({ type: 'log', entry });
    if (entry.tokenName) tokensSoon();
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
    sendTokens();
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
      if (tokensTimer) clearTimeout(tokensTimer);
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
