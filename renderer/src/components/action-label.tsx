/** An Okta action's label (renderer/src/lib/okta-actions.ts), for tables and lists. */
import type { OktaAction } from '../../../server/domain/okta-action';
import { labelOf, useOktaActions } from '../lib/okta-actions';

export function ActionLabel({ action }: { action: OktaAction | null | undefined }) {
  const actions = useOktaActions();
  return <>{labelOf(actions, action)}</>;
}
