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
import { customValuesObserver } from './store/custom-values-observer';
import { RateLimiter } from './scim/rate-limit';
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
  let limiter: RateLimiter | null = settings.rateLimit.enabled
    ? new RateLimiter(settings.rateLimit.perSecond)
    : null;

  const apply = (s: StoredSettings): void => {
    tenant.setProfile(s.profile);
    tenant.settings = { enabledAttributes: new Set(s.enabledAttributes), strictMembers: s.strictMembers };
    limiter = s.rateLimit.enabled ? (limiter ?? new RateLimiter(s.rateLimit.perSecond)) : null;
    limiter?.setRate(s.rateLimit.perSecond);
    log.setRetention(s.logRetention);
  };
  const updateSettings = async (patch: SettingsPatch): Promise<StoredSettings> => {
    settings = await saveSettings(store, settings, patch);
    apply(settings);
    events.emit('settings-changed');
    return settings;
  };

  const app = createScimApp({
    tenant,
    tokens,
    log,
    limiter: () => limiter,
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
