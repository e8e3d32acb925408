/**
 * What one simulation run carries from step to step: the client, the integration type, the
 * users and groups it made (so later flows can use them and cleanup can undo them), and the
 * step runner that times each step, records its exchanges and turns a failure into a result.
 */
import { StepFailure, excerpt } from './judge';
import type { Exchange, OktaHttp, SendOptions } from './okta-http';
import type { SimulatorApp, SimulatorFlow, StepResult } from './types';

export interface SimUser {
  id: string;
  userName: string;
  externalId: string;
  givenName: string;
  familyName: string;
  active: boolean;
}
export interface SimGroup {
  id: string;
  displayName: string;
  deleted: boolean;
}

/** A step cannot run because an earlier one did not produce what it needs. */
export class StepSkipped extends Error {}

export type StepListener = (step: StepResult) => void;

export class RunContext {
  readonly steps: StepResult[] = [];
  readonly users = new Map<'primary' | 'second', SimUser>();
  readonly groups = new Map<'pushed' | 'empty', SimGroup>();
  /** every user id this run created (also duplicates a broken server let through) */
  readonly createdUsers = new Map<string, SimUser>();
  /** the run's unique tag, in every name it creates, so runs never collide */
  readonly tag: string;

  constructor(
    readonly http: OktaHttp,
    readonly app: SimulatorApp,
    private readonly onStep: StepListener = () => undefined,
    tag?: string,
  ) {
    this.tag = tag ?? `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  }

  user(key: 'primary' | 'second'): SimUser {
    const u = this.users.get(key);
    if (!u) throw new StepSkipped(`needs the ${key} user, which an earlier step did not create`);
    return u;
  }

  group(key: 'pushed' | 'empty'): SimGroup {
    const g = this.groups.get(key);
    if (!g || g.deleted)
      throw new StepSkipped(`needs the ${key} group, which an earlier step did not create`);
    return g;
  }

  /** Runs one step: `fn` sends through the given `send` and throws StepFailure to fail. */
  async step(
    flow: StepResult['flow'],
    id: string,
    title: string,
    fn: (send: (method: string, path: string, opts?: SendOptions) => Promise<Exchange>) => Promise<void>,
  ): Promise<StepResult> {
    const exchanges: Exchange[] = [];
    const send = async (method: string, path: string, opts?: SendOptions): Promise<Exchange> => {
      const ex = await this.http.send(method, path, opts);
      exchanges.push(ex);
      return ex;
    };
    const started = performance.now();
    let status: StepResult['status'] = 'passed';
    let reason: string | null = null;
    let consequence: StepResult['consequence'] = null;
    try {
      await fn(send);
    } catch (err) {
      if (err instanceof StepSkipped) {
        status = 'skipped';
        reason = err.message;
      } else if (err instanceof StepFailure) {
        status = 'failed';
        reason = err.message;
        consequence = err.consequence;
      } else {
        status = 'failed';
        reason = `simulator error: ${(err as Error).message}`;
        consequence = 'task-failed';
      }
    }
    const result: StepResult = {
      id: `${flow}.${id}`,
      flow,
      title,
      status,
      reason,
      consequence,
      exchanges: exchanges.map((ex) => ({
        method: ex.method,
        path: ex.path,
        status: ex.status,
        durationMs: Math.round(ex.durationMs * 100) / 100,
        responseExcerpt: excerpt(ex),
        okta: ex.okta,
      })),
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
    this.add(result);
    return result;
  }

  /** Records a result built elsewhere (load mode, which keeps figures rather than exchanges). */
  add(result: StepResult): void {
    this.steps.push(result);
    this.onStep(result);
  }
}

export type FlowRunner = (ctx: RunContext) => Promise<void>;
export type FlowTable = Record<SimulatorFlow, FlowRunner>;
