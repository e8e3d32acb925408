/**
 * Runs the chosen flows against a SCIM base URL, in Okta's order, then cleans up; returns
 * every step's result. Used by the CLI (server/cli-simulate.ts) and the console's "Simulate
 * Okta" (server/admin).
 */
import { cleanUp, leftAsIs } from './cleanup';
import { FLOWS, planFlows } from './flows';
import { OktaHttp, type ExchangeListener } from './okta-http';
import { RunContext, type StepListener } from './run-context';
import type { RunResult, SimulatorApp, SimulatorFlow } from './types';

export interface RunOptions {
  baseUrl: string;
  token: string;
  flows?: readonly SimulatorFlow[];
  app?: SimulatorApp;
  onStep?: StepListener;
  onExchange?: ExchangeListener;
  /** fixes the names the run creates (tests) */
  tag?: string;
  /** delete the groups and deactivate the users the run created (default true) */
  cleanup?: boolean;
}

export async function runSimulation(opts: RunOptions): Promise<RunResult> {
  const app = opts.app ?? 'oin';
  const flows = planFlows(opts.flows);
  const http = new OktaHttp(opts.baseUrl, opts.token, opts.onExchange);
  const ctx = new RunContext(http, app, opts.onStep, opts.tag);
  const startedAt = new Date().toISOString();
  for (const flow of flows) await FLOWS[flow](ctx);
  const leftBehind = opts.cleanup === false ? leftAsIs(ctx) : await cleanUp(ctx);
  return summarize(ctx, { baseUrl: http.baseUrl, app, flows, startedAt, leftBehind });
}

export function summarize(
  ctx: RunContext,
  base: Pick<RunResult, 'baseUrl' | 'app' | 'flows' | 'startedAt' | 'leftBehind'> & {
    load?: RunResult['load'];
  },
): RunResult {
  const count = (s: string): number => ctx.steps.filter((x) => x.status === s).length;
  return {
    ...base,
    finishedAt: new Date().toISOString(),
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    steps: ctx.steps,
    load: base.load ?? null,
  };
}
