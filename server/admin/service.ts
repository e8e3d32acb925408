/**
 * The admin service: the one implementation of the admin contract (./contract.ts), over the
 * server's store, tenant, tokens, request log and settings. Bound to IPC in Electron
 * (electron/ipc.ts) and to HTTP+SSE headless (./http.ts); it never knows which.
 */
import { readFileSync } from 'node:fs';
import type { ScimDeskCore } from '../core';
import { SCIM_BASE_PATH } from '../domain/profiles';
import { AdminError } from './admin-error';
import {
  createTokenSchema,
  customSchemaSchema,
  idSchema,
  logExportSchema,
  logQuerySchema,
  revokeTokenSchema,
  settingsPatchSchema,
  type AdminApi,
  type ServerInfo,
  type Settings,
  type SettingsPatch,
  type TokenInfo,
} from './contract';
import { getGroup, getUser, listGroupMembers, listGroups, listUsers } from './directory-queries';
import { ScimError } from '../domain/errors';
import { defineCustomSchema, schemaFrom } from '../scim/tenant-schema/define';
import { customSchemaView } from './custom-schema-view';
import type { AdminHost } from './events';
import { wireLiveEvents } from './live-events';

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
 * underscore anywhere ("may not contain _", spec/okta.md §1, Prepare "Base URL"). Returns the
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

function toTokenInfo(t: {
  scimId: number;
  clientName: string;
  tokenPrefix: string;
  creationTime: string;
  lastUsedTime: string | null;
}): TokenInfo {
  return {
    scimId: t.scimId,
    clientName: t.clientName,
    tokenPrefix: t.tokenPrefix,
    creationTime: t.creationTime,
    lastUsedTime: t.lastUsedTime,
  };
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
  });

  const api: AdminApi = {
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
    async createToken(input) {
      const { clientName } = createTokenSchema.parse(input);
      const t = await core.tokens.create(clientName);
      return { ...toTokenInfo(t), token: t.token };
    },
    async revokeToken(input) {
      const { scimId } = revokeTokenSchema.parse(input);
      if (!(await core.tokens.revoke(scimId))) throw new AdminError('not-found', `token ${scimId} not found`);
    },

    async listUsers(query) {
      return listUsers(core, query);
    },
    async getUser(input) {
      return getUser(core, idSchema.parse(input).id);
    },
    async listGroups(query) {
      return listGroups(core, query);
    },
    async getGroup(input) {
      return getGroup(core, idSchema.parse(input).id);
    },
    async listGroupMembers(query) {
      return listGroupMembers(core, query);
    },

    async queryLog(query) {
      return core.log.query(logQuerySchema.parse(query));
    },
    async getLogEntry(input) {
      const entry = core.log.get(idSchema.parse(input).id);
      if (!entry) throw new AdminError('not-found', 'log entry not found (it may have been rotated out)');
      return entry;
    },
    async clearLog() {
      core.log.clear();
    },
    async exportLog(query) {
      const { format, ...q } = logExportSchema.parse(query);
      return core.log.export(q, format);
    },

    async getSettings() {
      return settings();
    },
    async updateSettings(patch: SettingsPatch) {
      const p = settingsPatchSchema.parse(patch);
      if (p.publicUrl !== undefined) p.publicUrl = normalizePublicUrl(p.publicUrl);
      await core.updateSettings(p);
      return settings();
    },

    async getCustomSchema() {
      return customSchemaView(core);
    },
    async setCustomSchema(input) {
      const { schema } = customSchemaSchema.parse(input);
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
  };

  return Object.assign(api, {
    subscribe: live.bus.subscribe.bind(live.bus),
    dispose: () => live.dispose(),
  });
}
