/** The requests that touched a user or group, each a link into the Request log. */
import type { LogSummary } from '../../../server/admin/contract';
import { useNav } from '../stores/nav-store';
import { PreciseTime } from './precise-time';
import { HttpStatus } from './status-badge';

/** A compact list of log entries. */
export function RequestsList({ requests }: { requests: LogSummary[] }) {
  const go = useNav((s) => s.go);
  if (requests.length === 0)
    return <p className="muted">No requests recorded (the log may have been cleared).</p>;
  return (
    <ul className="plain-list requests">
      {requests.map((r) => (
        <li key={r.id}>
          <button type="button" className="link request-link" onClick={() => go('log', r.id)}>
            <span className="mono">{r.method}</span> <span className="mono">{r.path}</span>
          </button>{' '}
          <HttpStatus status={r.status} /> <PreciseTime iso={r.time} className="muted mono" />
          {r.tokenName && <span className="muted"> · {r.tokenName}</span>}
        </li>
      ))}
    </ul>
  );
}
