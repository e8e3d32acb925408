/**
 * The Retries view: each injected failure and what the client did next about the same request,
 * compared with Okta's documented behaviour (docs/faults.md "Retries").
 */
import type { RetryChain } from '../../../../server/admin/contract';
import { OUTCOME_TEXT } from '../../lib/fault-text';
import { formatTime } from '../../lib/format-time';
import { useNav } from '../../stores/nav-store';

export function RetriesTable({ chains }: { chains: RetryChain[] }) {
  const go = useNav((s) => s.go);
  return (
    <table className="table retries-table" aria-label="Retries">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What happened</th>
          <th scope="col">Outcome</th>
          <th scope="col">Compared with Okta</th>
        </tr>
      </thead>
      <tbody>
        {chains.map((c) => (
          <tr key={c.id} data-outcome={c.outcome}>
            <td>
              <button type="button" className="link" onClick={() => go('log', c.id)}>
                {formatTime(c.steps[0]?.at ?? '')}
              </button>
            </td>
            <td className="retry-summary">
              {c.summary}
              <div className="muted">rule {c.rule}</div>
            </td>
            <td>
              {OUTCOME_TEXT[c.outcome]} ({c.attempts} attempt{c.attempts === 1 ? '' : 's'})
            </td>
            <td>
              {c.okta.length ? (
                <ul className="okta-notes">
                  {c.okta.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
