/**
 * The simulator's results as plain data: what the CLI prints, `--report` writes and the
 * console's "Simulate Okta" receives. No I/O here, so the admin contract and the renderer can
 * share these types.
 */

/** The flow groups of docs/okta.md §2, in the order a run sends them. */
export const SIMULATOR_FLOWS = [
  'credentials',
  'assign',
  'import',
  'profile',
  'deactivate',
  'reactivate',
  'password',
  'group-push',
  'rename',
  'members',
  'group-delete',
  'unassign',
] as const;
export type SimulatorFlow = (typeof SIMULATOR_FLOWS)[number];

/**
 * Which Okta integration type to act as (docs/okta.md §1, "PUT or PATCH"): an OIN catalog app
 * (PATCH for lifecycle, password and groups) or a custom App Integration Wizard app (GET then
 * PUT for everything).
 */
export const SIMULATOR_APPS = ['oin', 'aiw'] as const;
export type SimulatorApp = (typeof SIMULATOR_APPS)[number];

/** One HTTP exchange as the report keeps it. */
export interface ExchangeRecord {
  method: string;
  /** path and query relative to the base URL */
  path: string;
  status: number;
  durationMs: number;
  /** first characters of the response body */
  responseExcerpt: string;
  /** false for the simulator's own read-back checks, which Okta does not send */
  okta: boolean;
}

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  /** stable id, `<flow>.<step>`, e.g. `assign.lookup-case` */
  id: string;
  flow: SimulatorFlow | 'load' | 'cleanup';
  title: string;
  status: StepStatus;
  /** one line: why it failed (with the request and an excerpt of the response) or was skipped */
  reason: string | null;
  /** what Okta would do with this answer, for a failure */
  consequence: 'task-failed' | 'silent-divergence' | null;
  exchanges: ExchangeRecord[];
  durationMs: number;
}

export interface LoadStats {
  users: number;
  created: number;
  linked: number;
  requests: number;
  errors: number;
  /** error count by HTTP status (0 = network error or timeout) */
  errorsByStatus: Record<string, number>;
  durationMs: number;
  usersPerSecond: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

export interface RunResult {
  baseUrl: string;
  app: SimulatorApp;
  flows: SimulatorFlow[];
  startedAt: string;
  finishedAt: string;
  passed: number;
  failed: number;
  skipped: number;
  steps: StepResult[];
  /** what the run left on the target (Okta never deletes users, docs/okta.md §1) */
  leftBehind: string[];
  load: LoadStats | null;
}
