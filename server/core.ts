/**
 * The running server's parts as the admin service and the headless console see them. Wired
 * together by ./app.ts; kept apart from it so that the parts it wires need not import it.
 */
import type { EventEmitter } from 'node:events';
import type { TokenService } from './auth/tokens';
import type { FaultRule } from './domain/fault-rule';
import type { FaultEngine } from './faults/engine';
import type { ProfileName } from './domain/profiles';
import type { StoredSettings, SettingsPatch } from './domain/settings';
import type { RequestLog } from './log/request-log';
import type { Tenant } from './scim/tenant';
import type { Store } from './store';
import type { EngineIo } from './store/engine-io';

export interface StartOptions {
  dataDir: string;
  port?: number;
  host?: string;
  profile?: ProfileName;
  /** registers this value as a token named "bootstrap" (scripts and CI) */
  bootstrapToken?: string;
  wasmPath?: string;
  workerUrl?: URL;
  maxBodyBytes?: number;
  mode?: 'electron' | 'headless';
  /** Test seam: overrides of the journal's file operations, to simulate a full disk (ENOSPC) or EIO. */
  storeIo?: Partial<EngineIo>;
  /** journal size that triggers a background snapshot (engine default when unset; benches lower it) */
  snapshotJournalBytes?: number;
  /** fault rules to start with (`--faults FILE`), replacing the stored ones */
  faultRules?: FaultRule[];
  /** benches only: record no resource history, to measure what it costs (docs/history.md) */
  historyOff?: boolean;
  /**
   * benches only (`--bench-floor`): ScimDesk's request path stripped to its floor — no request
   * log, no Okta action, no history — to show what the rest costs (docs/performance.md)
   */
  floor?: boolean;
  /**
   * Test seam: sees every SCIM response as sent, with the tenant's self-description at that
   * moment, so the test suite can check each body against the server's own /Schemas
   * (test/support/self-description.ts).
   */
  observeResponse?: (r: ObservedResponse) => void;
}

/** A SCIM response as the observer sees it. */
export interface ObservedResponse {
  method: string;
  /** path and query as requested */
  url: string;
  status: number;
  contentType: string | null;
  body: string;
  /** changes whenever the self-description may have changed (profile, enabled attributes, custom schema) */
  descriptionKey: string;
  /** what GET /Schemas and GET /ResourceTypes answer at this moment (their Resources) */
  describe: () => { schemas: Record<string, unknown>[]; resourceTypes: Record<string, unknown>[] };
}

export interface CoreEvents {
  'tokens-changed': [];
  'settings-changed': [];
  store: [{ health: 'ok' | 'failed'; message: string | null }];
}

/** Everything the admin service needs, and the handle to stop it all. */
export interface ScimDeskCore {
  store: Store;
  tenant: Tenant;
  tokens: TokenService;
  log: RequestLog;
  events: EventEmitter<CoreEvents>;
  settings(): StoredSettings;
  updateSettings(patch: SettingsPatch): Promise<StoredSettings>;
  faults: FaultEngine;
  /** replaces the fault rules (validated by the caller), stores them and applies them live */
  setFaultRules(rules: FaultRule[]): Promise<void>;
  scimUrl: string;
  host: string;
  port: number;
  dataDir: string;
  mode: 'electron' | 'headless';
  startedAt: string;
  /** what the store repaired while starting (journal damage cut off), oldest first */
  storeNotices: readonly string[];
  close(): Promise<void>;
}
