/**
 * Members Okta tried to add before the user existed. Okta pushes only users that are already
 * provisioned (docs/okta.md §2.11), so an unknown id usually means the group was pushed before
 * its users; the tenant drops such ids with a warning (docs/netskope.md "Emulator requirements").
 */
import type { MemberWarning } from '../../../../server/admin/contract';
import { formatTime } from '../../lib/format-time';
import { useNav } from '../../stores/nav-store';

/** The warnings list of a group. */
export function MemberWarnings({ warnings }: { warnings: MemberWarning[] }) {
  const go = useNav((s) => s.go);
  if (warnings.length === 0) return null;
  return (
    <section className="banner banner-warn" aria-labelledby="member-warnings-title">
      <div>
        <h3 id="member-warnings-title">
          {warnings.length} member{warnings.length === 1 ? '' : 's'} dropped: user not provisioned
        </h3>
        <p className="small">Provision these users before pushing the group, then push the group again.</p>
        <ul className="warning-list">
          {warnings.slice(0, 50).map((w, i) => (
            <li key={`${w.value}-${i}`}>
              <span className="mono">{w.display ?? w.value}</span>
              {w.display && <span className="muted mono"> ({w.value})</span>} — {w.reason}{' '}
              <span className="muted">{formatTime(w.at)}</span>
              {w.requestId && (
                <>
                  {' '}
                  <button type="button" className="link" onClick={() => go('log', w.requestId)}>
                    view request
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
        {warnings.length > 50 && <p className="muted small">…and {warnings.length - 50} more.</p>}
      </div>
    </section>
  );
}
