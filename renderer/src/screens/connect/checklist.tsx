/**
 * The Okta setup steps, each ticked when the traffic that proves it has arrived (the server
 * decides from the request log and pushes `checklist` events), with links to those log entries.
 */
import type { ChecklistStep } from '../../../../server/admin/contract';
import { formatTime } from '../../lib/format-time';
import { useNav } from '../../stores/nav-store';
import { STEP_HINTS } from './checklist-hints';

/** The ordered list of steps. */
export function Checklist({ steps }: { steps: ChecklistStep[] }) {
  const go = useNav((s) => s.go);
  if (steps.length === 0) return <p className="muted">Loading the checklist…</p>;
  const done = steps.filter((s) => s.done).length;
  return (
    <>
      <p className="muted" aria-live="polite">
        {done} of {steps.length} steps seen
      </p>
      <ol className="checklist">
        {steps.map((step) => (
          <li key={step.id} className={step.done ? 'step done' : 'step'} data-step={step.id}>
            <span className="step-mark" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <div className="step-text">
              <div className="step-label">
                {step.label}
                <span className="visually-hidden">{step.done ? ' (done)' : ' (not yet)'}</span>
              </div>
              <div className="step-hint muted">
                {step.done ? `Seen ${formatTime(step.at)}` : STEP_HINTS[step.id]}
                {step.logIds.length > 0 && (
                  <span className="step-links">
                    {' · '}
                    {step.logIds.slice(0, 3).map((id, i) => (
                      <button key={id} type="button" className="link" onClick={() => go('log', id)}>
                        {i === 0 ? 'view request' : `request ${i + 1}`}
                      </button>
                    ))}
                  </span>
                )}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
