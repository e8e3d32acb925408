/**
 * Fault rules: how the emulated tenant misbehaves on purpose (docs/faults.md). Plain types,
 * shared by the fault engine (server/faults), the stored settings and the console; the zod
 * schema that validates them lives in server/faults/rule-schema.ts.
 */

export const FAULT_RESOURCES = [
  'Users',
  'Groups',
  'Schemas',
  'ServiceProviderConfig',
  'ResourceTypes',
] as const;
export type FaultResource = (typeof FAULT_RESOURCES)[number];

export const FAULT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type FaultMethod = (typeof FAULT_METHODS)[number];

export interface FaultMatch {
  /** one method or a list; any method when absent */
  method?: FaultMethod | FaultMethod[];
  /** one resource or a list; any resource when absent */
  resource?: FaultResource | FaultResource[];
  /** a regular expression tested against the request path (after the base path is kept) */
  path?: string;
  /** the name of the bearer token the request came with */
  token?: string;
  /** a regular expression (case-insensitive) for the userName in the body or of the target user */
  userName?: string;
  /** a regular expression (case-insensitive) for the displayName in the body or of the target group */
  displayName?: string;
}

export interface FaultRespond {
  /** answer with this 4xx/5xx and a SCIM error body in the profile's style */
  status?: number;
  /** Retry-After: whole seconds, or an HTTP date (RFC 9110 §10.2.3) */
  retryAfter?: number | string;
  /** the error's detail text (a default naming the rule otherwise) */
  detail?: string;
  /** wait this long first, then answer normally (or with `status`) */
  delayMs?: number;
  /** close the connection without any response */
  drop?: boolean;
  /** apply the request first, then answer with the fault: the lost acknowledgement */
  afterWrite?: boolean;
}

export interface FaultRule {
  name: string;
  match: FaultMatch;
  respond: FaultRespond;
  /** fire N times, then stop */
  times?: number;
  /** fire on every Nth matching request */
  every?: number;
  /** fire with this probability (0-1), drawn from a PRNG seeded with `seed` */
  probability?: number;
  seed?: number;
  /** fire only for matching requests beyond this many per second (a token bucket) */
  ratePerSecond?: number;
  /** default true */
  enabled?: boolean;
}

export interface FaultFile {
  rules: FaultRule[];
}

/** A rule as the console lists it: the rule plus what it has done since it was last set. */
export interface FaultRuleState {
  rule: FaultRule;
  /** matching requests seen */
  matched: number;
  /** injected answers */
  hits: number;
  /** enabled and not used up (`times`) */
  active: boolean;
}

export interface FaultPreset {
  id: string;
  label: string;
  description: string;
  rule: FaultRule;
}

/** How the tenant answered under a fault, as the request log and the Retries view record it. */
export type FaultAction = 'status' | 'delay' | 'drop';

export interface FaultMark {
  rule: string;
  action: FaultAction;
  /** the request was applied before the fault answered (the lost acknowledgement) */
  afterWrite: boolean;
}

/** The name of the rule the Settings screen's rate-limit switch maps onto (docs/netskope.md §11). */
export const RATE_LIMIT_RULE = 'netskope-rate-limit';
