/**
 * Okta action names as the console shows them. The server sends them with the settings facts
 * (server/domain/okta-action.ts OKTA_ACTION_CHOICES), in the classifier's order, so the log, the
 * history and the report use the same words; the renderer keeps no copy.
 */
import { useEffect } from 'react';
import type { OktaAction } from '../../../server/domain/okta-action';
import { useSettings } from '../stores/settings-store';

export type ActionChoice = { id: OktaAction; label: string };

/** Settings are loaded once for everyone who needs the labels (a table mounts many rows). */
let asked = false;

/** The actions with their labels; empty until the settings have arrived. */
export function useOktaActions(): readonly ActionChoice[] {
  const actions = useSettings((s) => s.settings?.oktaActions);
  useEffect(() => {
    if (!actions && !asked) {
      asked = true;
      void useSettings
        .getState()
        .load()
        .finally(() => {
          // a failed load may be retried by the next component that asks
          if (!useSettings.getState().settings) asked = false;
        });
    }
  }, [actions]);
  return actions ?? [];
}

/** An action's label, or its id while the labels load. */
export function labelOf(actions: readonly ActionChoice[], a: OktaAction | null | undefined): string {
  if (!a) return '';
  return actions.find((x) => x.id === a)?.label ?? a;
}
