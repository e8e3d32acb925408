/** Shown on every screen while a fault rule can fire: nobody should forget the tenant misbehaves on purpose. */
import { useFaults } from '../stores/faults-store';
import { useNav } from '../stores/nav-store';

export function FaultsBanner() {
  const view = useFaults((s) => s.view);
  const go = useNav((s) => s.go);
  if (!view?.anyActive) return null;
  const names = view.rules.filter((r) => r.active).map((r) => r.rule.name);
  return (
    <div className="screen-banner">
      <div className="banner banner-fault" role="status" data-testid="faults-banner">
        <span>
          Fault injection is on: {names.join(', ')} {names.length === 1 ? 'is' : 'are'} making this tenant
          misbehave on purpose.
        </span>
        <button type="button" className="button small" onClick={() => go('faults')}>
          Faults
        </button>
      </div>
    </div>
  );
}
