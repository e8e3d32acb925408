/**
 * One rule at run time: its compiled match, its schedule's state (counts, PRNG, bucket) and
 * the decision whether it fires for a matching request (docs/faults.md "Schedules").
 */
import type { FaultRule, FaultRuleState } from '../domain/fault-rule';
import { compileMatch, type FaultRequest, type Matcher } from './matcher';
import { mulberry32, seedOf } from './prng';
import { TokenBucket } from './token-bucket';

export class RuleRuntime {
  readonly matches: Matcher;
  matched = 0;
  hits = 0;
  private readonly random: (() => number) | null;
  private readonly bucket: TokenBucket | null;

  constructor(readonly rule: FaultRule) {
    this.matches = compileMatch(rule.match);
    this.random = rule.probability !== undefined ? mulberry32(rule.seed ?? seedOf(rule.name)) : null;
    this.bucket = rule.ratePerSecond !== undefined ? new TokenBucket(rule.ratePerSecond) : null;
  }

  get enabled(): boolean {
    return this.rule.enabled !== false;
  }

  /** enabled and not used up */
  get active(): boolean {
    return this.enabled && (this.rule.times === undefined || this.hits < this.rule.times);
  }

  /**
   * Whether the rule fires for this request. Schedules combine: `times` bounds the hits,
   * `every` picks every Nth match, `ratePerSecond` lets the rate through, `probability` draws.
   */
  fires(req: FaultRequest): boolean {
    if (!this.active || !this.matches(req)) return false;
    this.matched++;
    const r = this.rule;
    if (r.every !== undefined && this.matched % r.every !== 0) return false;
    if (this.bucket && this.bucket.take()) return false;
    if (this.random && !(this.random() < (r.probability as number))) return false;
    this.hits++;
    return true;
  }

  state(): FaultRuleState {
    return { rule: this.rule, matched: this.matched, hits: this.hits, active: this.active };
  }
}
