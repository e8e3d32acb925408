/**
 * "Simulate Okta": sends Okta's provisioning flows to this tenant over HTTP, as a real Okta
 * org would (a demo and a self-test). The checklist beside it ticks from that traffic, and
 * the request log shows it marked as simulated. Steps appear as they finish.
 */
import type { SimulatorApp, StepResult } from '../../../../server/admin/contract';
import { ErrorBanner } from '../../components/notice';
import { useSimulate } from '../../stores/simulate-store';

const APPS: { value: SimulatorApp; label: string }[] = [
  { value: 'oin', label: 'OIN catalog app (PATCH)' },
  { value: 'aiw', label: 'App Integration Wizard app (GET + PUT)' },
];

function StepRow({ step }: { step: StepResult }) {
  return (
    <li className={`sim-step sim-${step.status}`} data-sim-step={step.id}>
      <span className="sim-mark" aria-hidden="true">
        {step.status === 'passed' ? '✓' : step.status === 'failed' ? '✗' : '–'}
      </span>
      <div>
        <div>
          <span className="mono">{step.id}</span> {step.title}
          <span className="visually-hidden"> ({step.status})</span>
        </div>
        {step.reason && <div className="sim-reason mono">{step.reason}</div>}
      </div>
    </li>
  );
}

/** The panel on the Connect screen. */
export function SimulatePanel() {
  const { app, running, steps, summary, leftBehind, error } = useSimulate();
  const { setApp, run } = useSimulate.getState();
  const failedFirst = [...steps].sort(
    (a, b) => Number(b.status === 'failed') - Number(a.status === 'failed'),
  );
  return (
    <section className="panel" aria-labelledby="simulate-title">
      <h2 id="simulate-title">Simulate Okta</h2>
      <p className="muted">
        Sends the traffic of a real Okta org to this tenant: Test API Credentials, import, assign, profile
        push, deactivate, reactivate, password push, group push, rename, membership changes, group delete and
        unassign. It uses a token of its own (&ldquo;Okta simulator&rdquo;, revoked afterwards); its requests
        are marked <span className="badge badge-sim">simulated</span> in the log.
      </p>
      <div className="sim-controls">
        <label>
          Act as{' '}
          <select value={app} disabled={running} onChange={(e) => setApp(e.target.value as SimulatorApp)}>
            {APPS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button primary" disabled={running} onClick={() => void run()}>
          {running ? 'Simulating…' : 'Simulate Okta'}
        </button>
      </div>
      {error && <ErrorBanner>{error}</ErrorBanner>}
      <p className="muted" role="status" aria-live="polite">
        {running
          ? `${steps.length} steps done…`
          : summary
            ? `${summary.passed} passed, ${summary.failed} failed`
            : ''}
      </p>
      {leftBehind.map((l) => (
        <p key={l} className="muted sim-left">
          Left on the tenant: {l}
        </p>
      ))}
      {steps.length > 0 && (
        <ol className="sim-steps">
          {(running ? steps : failedFirst).map((s) => (
            <StepRow key={s.id} step={s} />
          ))}
        </ol>
      )}
    </section>
  );
}
