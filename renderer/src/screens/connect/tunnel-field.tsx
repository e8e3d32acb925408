/**
 * The public tunnel URL (cloudflared/ngrok) and the Okta Base URL derived from it, checked as
 * Okta checks Base URLs (docs/okta.md §1 "Base URL": https, no underscore).
 */
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/admin-error';
import { checkTunnelUrl } from '../../lib/okta-base-url';
import { useConnect } from '../../stores/connect-store';
import { useSettings } from '../../stores/settings-store';
import { UrlRow } from './url-row';

/** The tunnel form; saving stores the URL in settings so the server shows it too. */
export function TunnelField({
  saved,
  orgKey,
  port,
}: {
  saved: string | null;
  orgKey?: string;
  port: number | null;
}) {
  const [value, setValue] = useState(saved ?? '');
  const [touched, setTouched] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const update = useSettings((s) => s.update);
  const saving = useSettings((s) => s.saving);
  const hintId = useId();
  const errorId = useId();
  const check = checkTunnelUrl(value, orgKey);
  const showError = touched && value.trim() !== '' && !check.ok;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (value.trim() !== '' && !check.ok) return;
    try {
      await update({ publicUrl: check.ok ? check.origin : null }, 'tunnel');
      await useConnect.getState().load();
      setStatus({
        ok: true,
        text: check.ok ? 'Saved. Paste the Okta Base URL below into Okta.' : 'Cleared.',
      });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    }
  };

  return (
    <form className="tunnel" onSubmit={(e) => void save(e)} noValidate>
      <label className="field" htmlFor="tunnel-url">
        Public tunnel URL
      </label>
      <div className="tunnel-input">
        <input
          id="tunnel-url"
          type="url"
          placeholder="https://example-name.trycloudflare.com"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setStatus(null);
          }}
          onBlur={() => setTouched(true)}
          aria-invalid={showError}
          aria-describedby={`${hintId}${showError ? ` ${errorId}` : ''}`}
        />
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      <p id={hintId} className="muted small">
        Okta must reach this machine over https. Start a tunnel to the SCIM port, e.g.{' '}
        <code>cloudflared tunnel --url http://127.0.0.1:{port ?? 'PORT'}</code> or{' '}
        <code>ngrok http {port ?? 'PORT'}</code>, and paste the https URL it prints.
      </p>
      {showError && !check.ok && (
        <p id={errorId} className="form-error" role="alert">
          {check.reason}
        </p>
      )}
      {status && (
        <p className={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
      {check.ok && (
        <>
          <UrlRow
            label="Okta Base URL"
            url={check.oktaBaseUrl}
            note="Okta: Provisioning > Integration > Base URL"
          />
          {check.legacyBaseUrl && (
            <UrlRow label="Legacy form (older app versions)" url={check.legacyBaseUrl} />
          )}
        </>
      )}
    </form>
  );
}
