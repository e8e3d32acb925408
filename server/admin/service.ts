/**
 * The admin service: the one implementation of the admin contract (./contract.ts), over the
 * server's store, tenant, tokens, request log and settings. Bound to IPC in Electron
 * (electron/ipc.ts) and to HTTP+SSE headless (./http.ts); it never knows which.
 */
import { readFileSync } from 'node:fs';
import type { ScimDeskCore } from '../core';
import { SCIM_BASE_PATH } from '../domain/profiles';
import { OKTA_ACTION_CHOICES } from '../domain/okta-action';
import { CUSTOM_ATTRIBUTE_CHOICES } from '../domain/schema/custom-attributes';
import { OPT_IN_ATTRIBUTES, SETTINGS_LIMITS } from '../domain/settings';
import { AdminError } from './admin-error';
import type { ServerInfo, Settings } from './contract';
import { getGroup, getUser, listGroupMembers, listGroups, listUsers } from './directory-queries';
import { ScimError } from '../domain/errors';
import { defineCustomSchema, schemaFrom } from '../scim/tenant-schema/define';
import { customSchemaView } from './custom-schema-view';
import type { AdminHost } from './events';
import { faultsApi } from './faults-api';
import type { AdminHandlers } from './methods';
import { toTokenInfo } from './rows';
import { wireLiveEvents } from './live-events';
import { collectReport } from '../report/collect';
import { formatReport } from '../report/format';
import { toHar } from '../report/har';
import { createSimulateOkta } from './simulate-okta';

/** The package version, read once; the same relative path holds from server/admin/ and from out/main/. */
function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Checks the public tunnel URL the way Okta checks its Base URL field: https only, and no
 * underscore anywhere ("may not contain _", docs/okta.md §1, Prepare "Base URL"). Returns the
 * normalised value, or null to clear it.
 */
export function normalizePublicUrl(raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AdminError('invalid-input', 'The public URL is not a URL');
  }
  if (url.protocol !== 'https:') throw new AdminError('invalid-input', 'Okta requires an https:// Base URL');
  if (raw.includes('_')) throw new AdminError('invalid-input', 'Okta rejects a Base URL containing "_"');
  if (url.username || url.password)
    throw new AdminError('invalid-input', 'The public URL must not carry credentials');
  if (url.search || url.hash)
    throw new AdminError('invalid-input', 'The public URL must not have a query or fragment');
  return url.origin;
}

function publicBaseUrl(publicUrl: string | null): string | null {
  if (!publicUrl) return null;
  try {
    return `${new URL(publicUrl).origin}${SCIM_BASE_PATH}`;
  } catch {
    return null;
  }
}

/** The admin service plus `dispose()`, which detaches it from the core's events. */
export type AdminService = AdminHost & { dispose(): void };

/** Builds the admin service over a started core (server/app.ts `startScimDesk`). */
export function createAdminService(core: ScimDeskCore): AdminService {
  const version = readVersion();
  const live = wireLiveEvents(core);

  const settings = (): Settings => ({
    ...core.settings(),
    scimPort: core.port,
    scimHost: core.host,
    dataDir: core.dataDir,
    limits: SETTINGS_LIMITS,
    optInAttributes: OPT_IN_ATTRIBUTES,
    oktaActions: OKTA_ACTION_CHOICES,
    customAttributeChoices: CUSTOM_ATTRIBUTE_CHOICES,
  });

  // Every input arrives parsed: the bindings validate once, in ./invoke.ts.
  const api: AdminHandlers = {
    async info(): Promise<ServerInfo> {
      const s = core.settings();
      const stats = core.store.engine.stats();
      return {
        version,
        profile: s.profile,
        scimBaseUrl: core.scimUrl,
        legacyBaseUrl: `${new URL(core.scimUrl).origin}/SCIM/V2/${s.orgKey}`,
        publicBaseUrl: publicBaseUrl(s.publicUrl),
        dataDir: core.dataDir,
        startedAt: core.startedAt,
        mode: core.mode,
        storeHealth: stats.health,
        storeError: stats.lastError,
      };
    },

    async listTokens() {
      return core.tokens.list().map(toTokenInfo);
    },
    async createToken({ clientName }) {
      const t = await core.tokens.create(clientName);
      return { ...toTokenInfo(t), token: t.token };
    },
    async revokeToken({ scimId }) {
      if (!(await core.tokens.revoke(scimId))) throw new AdminError('not-found', `token ${scimId} not found`);
      return null;
    },

    async listUsers(query) {
      return listUsers(core, query);
    },
    async getUser(input) {
      return getUser(core, input.id);
    },
    async listGroups(query) {
      return listGroups(core, query);
    },
    async getGroup(input) {
      return getGroup(core, input.id);
    },
    async listGroupMembers(query) {
      return listGroupMembers(core, query);
    },

    async queryLog(query) {
      return core.log.query(query);
    },
    async getLogEntry(input) {
      const entry = core.log.get(input.id);
      if (!entry) throw new AdminError('not-found', 'log entry not found (it may have been rotated out)');
      return entry;
    },
    async clearLog() {
      core.log.clear();
      return null;
    },
    async exportLog({ format, ...q }) {
      return core.log.export(q, format);
    },

    async getSettings() {
      return settings();
    },
    async updateSettings(patch) {
      const p = { ...patch };
      if (p.publicUrl !== undefined) p.publicUrl = normalizePublicUrl(p.publicUrl);
      await core.updateSettings(p);
      return settings();
    },

    async getCustomSchema() {
      return customSchemaView(core);
    },
    async setCustomSchema({ schema }) {
      try {
        await defineCustomSchema(core.tenant, schema ? schemaFrom(schema) : null);
      } catch (err) {
        if (err instanceof ScimError) throw new AdminError('invalid-input', err.detail);
        throw err;
      }
      return customSchemaView(core);
    },
    async checklist() {
      return live.checklist.steps();
    },

    async getHistory(q) {
      return core.store.engine.read((r) =>
        core.store.history.page(r, {
          resourceId: q.id,
          limit: q.limit,
          ...(q.beforeSeq !== undefined ? { beforeSeq: q.beforeSeq } : {}),
        }),
      );
    },
    async activity(q) {
      return core.log.activity({
        limit: q.limit,
        ...(q.beforeSeq !== undefined ? { beforeSeq: q.beforeSeq } : {}),
      });
    },
    async exportReport({ format }) {
      const entries = core.log.all();
      const report = core.store.engine.read((reader) =>
        collectReport({
          reader,
          entries,
          settings: core.settings(),
          tokenCreationTimes: core.tokens.list().map((t) => t.creationTime),
          history: core.store.history,
          source: { dataDir: core.dataDir, serverRunning: true, journalLsn: core.store.engine.stats().lsn },
        }),
      );
      return formatReport(report, format, entries, version);
    },
    async exportHar({ ids }) {
      const entries = core.log.byIds(ids);
      if (entries.length === 0)
        throw new AdminError('not-found', 'none of these log entries is kept any more');
      return JSON.stringify(toHar(entries, version), null, 2) + '\n';
    },
    simulateOkta: createSimulateOkta(core, (event) => live.bus.emit(event)),
    ...faultsApi(core),
  };

  return Object.assign(api, {
    subscribe: live.bus.subscribe.bind(live.bus),
    dispose: () => live.dispose(),
  });
}
