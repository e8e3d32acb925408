/**
 * The admin service's fault-rule methods (docs/faults.md): list, replace, toggle, add a
 * preset, check an editor's text, and the Retries view. Every change is stored in the
 * settings (so the Electron app keeps it) and applied live.
 */
import type { ScimDeskCore } from '../core';
import type { FaultRule } from '../domain/fault-rule';
import { FAULT_PRESETS } from '../faults/presets';
import { parseFaultText, validateRules } from '../faults/validate';
import { AdminError, adminNotFound } from './admin-error';
import {
  addFaultPresetSchema,
  checkFaultRulesSchema,
  setFaultRulesSchema,
  toggleFaultRuleSchema,
  type AdminHandlers,
  type FaultsView,
} from './contract';

type FaultMethods = Pick<
  AdminHandlers,
  'listFaults' | 'setFaultRules' | 'toggleFaultRule' | 'addFaultPreset' | 'checkFaultRules' | 'faultRetries'
>;

export function faultsApi(core: ScimDeskCore): FaultMethods {
  const view = (): FaultsView => ({
    rules: core.faults.states(),
    presets: [...FAULT_PRESETS],
    anyActive: core.faults.anyActive(),
  });
  const save = async (rules: unknown): Promise<FaultsView> => {
    const r = validateRules(rules);
    if (!r.ok) throw new AdminError('invalid-input', r.errors.join('\n'));
    await core.setFaultRules(r.rules);
    return view();
  };
  const named = (name: string): FaultRule => {
    const rule = core.faults.rules().find((r) => r.name === name);
    if (!rule) throw adminNotFound(`fault rule "${name}"`);
    return rule;
  };

  return {
    async listFaults() {
      return view();
    },
    async setFaultRules(input) {
      return save(setFaultRulesSchema.parse(input).rules);
    },
    async toggleFaultRule(input) {
      const { name, enabled } = toggleFaultRuleSchema.parse(input);
      named(name);
      return save(core.faults.rules().map((r) => (r.name === name ? { ...r, enabled } : r)));
    },
    async addFaultPreset(input) {
      const { id } = addFaultPresetSchema.parse(input);
      const preset = FAULT_PRESETS.find((p) => p.id === id);
      if (!preset) throw adminNotFound(`preset "${id}"`);
      // Added last (a rule of the same name is replaced in place), enabled.
      const rules = core.faults.rules();
      const at = rules.findIndex((r) => r.name === preset.rule.name);
      const rule = { ...preset.rule, enabled: true };
      return save(at === -1 ? [...rules, rule] : rules.map((r, i) => (i === at ? rule : r)));
    },
    async checkFaultRules(input) {
      return parseFaultText(checkFaultRulesSchema.parse(input).text);
    },
    async faultRetries() {
      return core.faults.retries();
    },
  };
}
