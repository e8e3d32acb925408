/**
 * What the request log records of one SCIM request (see docs/architecture.md, "The request
 * log"): the summary every list shows, the full entry the detail view opens, and the query
 * the log answers. Plain types: the console's contract re-exports them.
 */

export interface LogResourceRef {
  type: 'User' | 'Group';
  id: string;
  name: string | null;
  externalId: string | null;
}
export interface LogSummary {
  id: string;
  seq: number;
  time: string;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  tokenName: string | null;
  userAgent: string | null;
  resourceType: 'User' | 'Group' | 'Discovery' | 'Other';
  resources: LogResourceRef[];
  warnings: string[];
  /** for PATCH: 'path-less' | 'path-scoped' | 'mixed', and whether ops were capitalised (Entra) */
  patchStyle: string | null;
  /** sent by the console's Okta simulator (its token), not by a real IdP (docs/simulator.md) */
  simulated?: boolean;
}
export interface LogEntry extends LogSummary {
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  responseHeaders: Record<string, string>;
  responseBody: string | null;
}

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx';
export type LogResourceType = LogSummary['resourceType'];

/** A request-log query (all fields optional; the admin contract validates it at the binding). */
export interface LogQuery {
  methods?: string[];
  statusClasses?: StatusClass[];
  resourceType?: LogResourceType;
  tokenName?: string;
  /** a user or group: our id, the IdP's externalId, userName or displayName */
  resource?: string;
  minDurationMs?: number;
  maxDurationMs?: number;
  from?: string;
  to?: string;
  text?: string;
  /** keyset paging: entries older than this seq */
  beforeSeq?: number;
  limit?: number;
}
