/**
 * The fault engine: the rules in order, the first that matches and fires answers (docs/faults.md
 * "Rules"). The SCIM path asks it only while `engaged` is true, so with no rule set the cost
 * is one property read per request. While engaged it also tracks the requests it sees, for
 * the Retries view.
 */
import { EventEmitter } from 'node:events';
import type { FaultMark, FaultRule, FaultRuleState } from '../domain/fault-rule';
import type { Attempt, RetryChain } from '../domain/retries';
import { AttemptLog } from './attempt-log';
import type { FaultRequest } from './matcher';
import { pairRetries } from './retries';
import { RuleRuntime } from './rule-runtime';

export type { FaultRequest } from './matcher';

export interface FaultDecision {
  rule: FaultRule;
  mark: FaultMark;
}

/** After the last injected failure, requests stay tracked this long for the Retries view. */
const TRACK_AFTER_LAST_FAULT_MS = 60 * 60_000;

export interface FaultEngineEvents {
  /** rules set or toggled, or a rule used up: the console refreshes its banner */
  changed: [];
}

export class FaultEngine extends EventEmitter<FaultEngineEvents> {
  /** true while any rule is enabled, or a recent fault's retries are being watched */
  engaged = false;
  private runtimes: RuleRuntime[] = [];
  private readonly attempts = new AttemptLog();
  private lastFaultAt = 0;

  /** Replaces the rules; a rule that is unchanged keeps its counts, PRNG and bucket. */
  setRules(rules: readonly FaultRule[]): void {
    const old = new Map(this.runtimes.map((r) => [JSON.stringify(r.rule), r]));
    this.runtimes = rules.map((rule) => old.get(JSON.stringify(rule)) ?? new RuleRuntime(rule));
    this.refresh(Date.now());
    this.emit('changed');
  }

  rules(): FaultRule[] {
    return this.runtimes.map((r) => r.rule);
  }

  states(): FaultRuleState[] {
    return this.runtimes.map((r) => r.state());
  }

  /** Whether any rule can still fire (the console's banner). */
  anyActive(): boolean {
    return this.runtimes.some((r) => r.active);
  }

  /** The first rule that matches and fires, or null: the request is handled normally. */
  decide(req: FaultRequest): FaultDecision | null {
    for (const r of this.runtimes) {
      if (!r.fires(req)) continue;
      const respond = r.rule.respond;
      this.lastFaultAt = Date.now();
      if (!r.active) this.emit('changed');
      return {
        rule: r.rule,
        mark: {
          rule: r.rule.name,
          action: respond.drop ? 'drop' : respond.status !== undefined ? 'status' : 'delay',
          afterWrite: respond.afterWrite === true,
        },
      };
    }
    return null;
  }

  /** Records a request seen while engaged (for the Retries view). */
  observe(a: Attempt): void {
    this.attempts.add(a);
    this.refresh(a.doneAt);
  }

  retries(now = Date.now()): RetryChain[] {
    return pairRetries(this.attempts.all(), now);
  }

  clearRetries(): void {
    this.attempts.clear();
  }

  private refresh(now: number): void {
    this.engaged =
      this.runtimes.some((r) => r.enabled) ||
      (this.lastFaultAt > 0 && now - this.lastFaultAt < TRACK_AFTER_LAST_FAULT_MS);
  }
}
