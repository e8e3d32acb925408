/**
 * The Settings screen's rate-limit switch (Settings.rateLimit) is a view of the fault rule
 * named "netskope-rate-limit" (./presets.ts): the fault rules are the one source of truth, and
 * turning the switch on or off edits that rule.
 */
import { RATE_LIMIT_RULE, type FaultRule } from '../domain/fault-rule';
import type { Settings } from '../domain/settings';
import { rateLimitRule } from './presets';

type RateLimit = Settings['rateLimit'];

/** The switch as the rules set it; `fallback` keeps the last rate when there is no rule. */
export function rateLimitOf(rules: readonly FaultRule[], fallback: RateLimit): RateLimit {
  const rule = rules.find((r) => r.name === RATE_LIMIT_RULE);
  if (!rule || rule.ratePerSecond === undefined) return { enabled: false, perSecond: fallback.perSecond };
  return { enabled: rule.enabled !== false, perSecond: rule.ratePerSecond };
}

/** The rules after the switch is set: the rule is replaced in place, or added first. */
export function withRateLimit(rules: readonly FaultRule[], rl: RateLimit): FaultRule[] {
  const next = rateLimitRule(rl.perSecond, rl.enabled);
  const at = rules.findIndex((r) => r.name === RATE_LIMIT_RULE);
  if (at === -1) return rl.enabled ? [next, ...rules] : [...rules];
  return rules.map((r, i) => (i === at ? next : r));
}
