/**
 * Starts ScimDesk's server side: store, tenant, tokens, request log, and the SCIM listener.
 * Shared by headless mode (./cli.ts) and the Electron main process; it never imports electron.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { TokenService, hashToken } from './auth/tokens';
import { RequestLog } from './log/request-log';
import { openStore } from './store';
import { FaultEngine } from './faults/engine';
import { rateLimitOf, withRateLimit } from './faults/rate-limit-setting';
import type { FaultRule } from './domain/fault-rule';
import { HistoryObserver } from './store/history-observer';
import { customValuesObserver } from './store/custom-values-observer';
import { createScimApp } from './scim/server';
import { answerClientErrorsAsScim } from './scim/client-error';
import { Tenant } from './scim/tenant';
import { groupSchemas, userSchemas } from './scim/schemas-in-use';
import type { SchemaDef } from './domain/schema';
import { loadSettings, saveSettings } from './store/settings';
import { EventEmitter } from 'node:events';
import { SCIM_BASE_PATH } from './domain/profiles';
import type { SettingsPatch, StoredSettings } from './domain/settings';
import type { CoreEvents, ScimDeskCore, StartOptions } from './core';

export type { CoreEvents, ScimDeskCore, StartOptions };

export async function startScimDesk(options: StartOptions): Promise<ScimDeskCore> {
  mkdirSync(options.dataDir, { recursive: true });
  const events = new EventEmitter<CoreEvents>();
  const store = await openStore({
    dir: join(options.dataDir, 'db'),
    ...(options.wasmPath ? { wasmPath: options.wasmPath } : {}),
    ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
    ...(options.storeIo ? { io: options.storeIo } : {}),
    ...(options.snapshotJournalBytes ? { snapshotJournalBytes: options.snapshotJournalBytes } : {}),
  });
  store.engine.on('error', (e) => events.emit('store', { health: 'failed', message: e.message }));
  // Start-up repairs (a torn or corrupt journal tail cut off) are delivered at subscription, before
  // anyone can listen to `events`: keep them so the CLI and the console can show them (issue 4).
  const storeNotices: string[] = [];
  let starting = true;
  store.engine.on('recovered', (e) => {
    if (starting) storeNotices.push(e.message);
    events.emit('store', { health: 'ok', message: e.message });
  });
  let settings = await loadSettings(store, options.profile);
  // Resource history: a version per write, in the write's transaction (docs/history.md).
  // `historyOff` is the bench's switch for measuring what history costs.
  store.writes.observe(
    new HistoryObserver(store.history, () =>
      options.historyOff || options.floor ? { ...settings.history, enabled: false } : settings.history,
    ),
  );
  const tenant: Tenant = new Tenant(
    store,
    settings.profile,
    { enabledAttributes: new Set(settings.enabledAttributes), strictMembers: settings.strictMembers },
    (): SchemaDef[] => userSchemas(tenant.activeCustomSchema()),
    groupSchemas,
  );
  tenant.customSchema = store.engine.read((r) => store.customSchema.get(r));
  store.writes.observe(customValuesObserver(store.customSchema, () => tenant.activeCustomSchema()));
  tenant.onSchemaChanged = () => events.emit('settings-changed');
  const tokens = new TokenService(store.engine, store.tokens, () => events.emit('tokens-changed'));
  if (
    options.bootstrapToken &&
    !tokens.list().some((t) => t.tokenHash === hashToken(options.bootstrapToken as string))
  ) {
    await tokens.create('bootstrap', options.bootstrapToken);
  }
  const logDir = join(options.dataDir, 'log');
  mkdirSync(logDir, { recursive: true });
  const log = new RequestLog(logDir, settings.logRetention);
  // Before fault rules existed the rate limit was a switch of its own: carry it over (migration).
  if (settings.rateLimit.enabled && !rateLimitOf(settings.faultRules, settings.rateLimit).enabled) {
    settings = await saveSettings(store, settings, {
      faultRules: withRateLimit(settings.faultRules, settings.rateLimit),
    });
  }
  const faults = new FaultEngine();
  faults.setRules(options.faultRules ?? settings.faultRules);
  if (options.faultRules) {
    const rateLimit = rateLimitOf(options.faultRules, settings.rateLimit);
    settings = await saveSettings(store, settings, { faultRules: options.faultRules, rateLimit });
  }

  const apply = (s: StoredSettings): void => {
    tenant.setProfile(s.profile);
    tenant.settings = { enabledAttributes: new Set(s.enabledAttributes), strictMembers: s.strictMembers };
    log.setRetention(s.logRetention);
  };
  const updateSettings = async (patch: SettingsPatch): Promise<StoredSettings> => {
    const p = { ...patch };
    // The rate-limit switch edits its fault rule (docs/faults.md "Presets")...
    if (p.rateLimit) p.faultRules = withRateLimit(p.faultRules ?? settings.faultRules, p.rateLimit);
    // ...and the stored switch always follows the rules, so a restart's migration keeps out.
    if (p.faultRules) p.rateLimit = rateLimitOf(p.faultRules, p.rateLimit ?? settings.rateLimit);
    settings = await saveSettings(store, settings, p);
    if (p.faultRules) faults.setRules(settings.faultRules);
    apply(settings);
    events.emit('settings-changed');
    return settings;
  };
  const setFaultRules = async (rules: FaultRule[]): Promise<void> => {
    await updateSettings({ faultRules: rules });
  };
  settings = { ...settings, rateLimit: rateLimitOf(settings.faultRules, settings.rateLimit) };

  const app = createScimApp({
    tenant,
    tokens,
    log,
    ...(options.floor ? { unrecorded: true } : {}),
    faults,
    namesOf: (resource, id) =>
      store.engine.read((r) => {
        if (resource === 'Users') {
          const u = store.users.findById(r, id);
          return { userName: u?.userName ?? null, displayName: u?.displayName ?? null };
        }
        if (resource === 'Groups')
          return { userName: null, displayName: store.groups.findById(r, id)?.displayName ?? null };
        return { userName: null, displayName: null };
      }),
    orgKey: () => settings.orgKey,
    saveEnabledAttributes: async (names) => {
      await updateSettings({ enabledAttributes: names });
    },
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.observeResponse ? { observeResponse: options.observeResponse } : {}),
  });
  const server: Server = createServer(app);
  answerClientErrorsAsScim(server, () => tenant.profile);
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  starting = false;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closed = false;
  return {
    store,
    tenant,
    tokens,
    log,
    events,
    settings: () => settings,
    updateSettings,
    faults,
    setFaultRules,
    scimUrl: `http://${urlHost}:${port}${SCIM_BASE_PATH}`,
    host,
    port,
    dataDir: options.dataDir,
    mode: options.mode ?? 'headless',
    startedAt: new Date().toISOString(),
    storeNotices,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      log.close();
      await store.close();
    },
  };
}
