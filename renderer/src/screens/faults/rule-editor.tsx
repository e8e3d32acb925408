/**
 * The rules as JSON, the same format as `--faults FILE` (docs/faults.md). Validated as the
 * admin types, by the server, so the messages are the ones the file would get.
 */
import { useEffect, useState } from 'react';
import type { FaultCheck, FaultRule } from '../../../../server/admin/contract';
import { api } from '../../api/client';
import { errorMessage } from '../../api/admin-error';
import { useDebounced } from '../../lib/use-debounced';
import { useFaults } from '../../stores/faults-store';

const toText = (rules: FaultRule[]) => JSON.stringify({ rules }, null, 2);

export function RuleEditor({ rules }: { rules: FaultRule[] }) {
  const save = useFaults((s) => s.save);
  // null: not editing, the editor follows the live rules
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? toText(rules);
  const dirty = draft !== null;
  const [check, setCheck] = useState<FaultCheck | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const debounced = useDebounced(text, 200);

  useEffect(() => {
    let stale = false;
    api()
      .checkFaultRules({ text: debounced })
      .then((c) => !stale && setCheck(c))
      .catch((err: unknown) => !stale && setCheck({ ok: false, errors: [errorMessage(err)] }));
    return () => {
      stale = true;
    };
  }, [debounced]);

  const valid = check?.ok === true && debounced === text;
  return (
    <div className="fault-editor">
      <label htmlFor="fault-json">Rules (JSON, as in a --faults file)</label>
      <textarea
        id="fault-json"
        spellCheck={false}
        rows={14}
        value={text}
        aria-invalid={check?.ok === false}
        aria-describedby="fault-json-check"
        onChange={(e) => {
          setDraft(e.target.value);
          setStatus(null);
        }}
      />
      <div id="fault-json-check" role="status" aria-live="polite">
        {check?.ok === false ? (
          <ul className="fault-errors">
            {check.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : check?.ok ? (
          <span className="muted">Valid: {check.rules.length} rule(s).</span>
        ) : null}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          disabled={!valid || !dirty}
          onClick={() => {
            if (check?.ok !== true) return;
            save(check.rules).then(
              () => {
                setDraft(null);
                setStatus('Saved; the rules are in force.');
              },
              (err: unknown) => setStatus(errorMessage(err)),
            );
          }}
        >
          Save rules
        </button>
        <button
          type="button"
          className="button"
          disabled={!dirty}
          onClick={() => {
            setDraft(null);
          }}
        >
          Discard changes
        </button>
        {status && <span role="status">{status}</span>}
      </div>
    </div>
  );
}
