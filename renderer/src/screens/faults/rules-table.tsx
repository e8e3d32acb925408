/** The fault rules in order (the first that matches and fires answers), with on/off switches and counts. */
import type { FaultRuleState } from '../../../../server/admin/contract';
import { matchText, respondText, scheduleText } from '../../lib/fault-text';
import { useFaults } from '../../stores/faults-store';

export function RulesTable({ rules }: { rules: FaultRuleState[] }) {
  const toggle = useFaults((s) => s.toggle);
  const remove = useFaults((s) => s.remove);
  return (
    <table className="table faults-table" aria-label="Fault rules">
      <thead>
        <tr>
          <th scope="col">On</th>
          <th scope="col">Rule</th>
          <th scope="col">Match</th>
          <th scope="col">Answer</th>
          <th scope="col">Schedule</th>
          <th scope="col">Hits</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map(({ rule, hits, matched, active }) => (
          <tr key={rule.name} data-rule={rule.name}>
            <td>
              <input
                type="checkbox"
                role="switch"
                aria-label={`Rule ${rule.name} enabled`}
                checked={rule.enabled !== false}
                onChange={(e) => void toggle(rule.name, e.target.checked)}
              />
            </td>
            <td>
              <strong>{rule.name}</strong>
              {rule.enabled !== false && !active && <div className="muted">used up</div>}
            </td>
            <td>{matchText(rule)}</td>
            <td>{respondText(rule)}</td>
            <td>{scheduleText(rule)}</td>
            <td title={`${matched} matching request(s) seen`}>
              <span className="fault-hits">{hits}</span> / {matched}
            </td>
            <td>
              <button type="button" className="button small" onClick={() => void remove(rule.name)}>
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
