/**
 * The editable settings, saved together. Every field says what it changes in the tenant's
 * behaviour, since these are the knobs that make the emulator stricter or looser than Netskope.
 */
import { useState, type FormEvent } from 'react';
import type { ProfileName, Settings, SettingsPatch } from '../../../../server/admin/contract';
import { errorMessage } from '../../api/admin-error';
import { formatTime } from '../../lib/format-time';
import { PROFILE_TEXT } from '../../lib/profiles';
import { useSettings } from '../../stores/settings-store';

const MB = 1024 * 1024;
/** Netskope's documented SCIM rate limit (docs/netskope.md §11). */
const NETSKOPE_RPS = 25;

const num = (n: number): string => n.toLocaleString('en-US');

/** The form; `settings` is the saved state it starts from. */
export function SettingsForm({ settings }: { settings: Settings }) {
  const update = useSettings((s) => s.update);
  const saving = useSettings((s) => s.saving);
  const saved = useSettings((s) => s.saved);
  const savedAt = saved?.by === 'settings-form' ? saved.at : null;
  const [profile, setProfile] = useState<ProfileName>(settings.profile);
  const [strict, setStrict] = useState(settings.strictMembers);
  const [rateOn, setRateOn] = useState(settings.rateLimit.enabled);
  const [rps, setRps] = useState(String(settings.rateLimit.perSecond));
  const [maxEntries, setMaxEntries] = useState(String(settings.logRetention.maxEntries));
  const [maxMb, setMaxMb] = useState(String(Math.round(settings.logRetention.maxBytes / MB)));
  const [historyMb, setHistoryMb] = useState(String(Math.round(settings.history.maxBytes / MB)));
  const [attrs, setAttrs] = useState<string[]>(settings.enabledAttributes);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  // Bounds and the attribute list come from the server, which validates with the same ones
  // (server/domain/settings.ts): the form never keeps a copy that could drift.
  const { limits, optInAttributes } = settings;
  const rate = limits.ratePerSecond;
  const entriesRange = limits.logMaxEntries;
  const mbRange = {
    min: Math.ceil(limits.logMaxBytes.min / MB),
    max: Math.floor(limits.logMaxBytes.max / MB),
  };
  const known = new Set(optInAttributes.map((a) => a.value));
  const attrOptions = [
    ...optInAttributes,
    ...attrs.filter((a) => !known.has(a)).map((a) => ({ value: a, label: a })),
  ];

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const perSecond = Number(rps);
    const entries = Number(maxEntries);
    const bytes = Number(maxMb) * MB;
    if (!Number.isInteger(perSecond) || perSecond < rate.min || perSecond > rate.max) {
      setStatus({
        ok: false,
        text: `Requests per second must be a whole number from ${num(rate.min)} to ${num(rate.max)}.`,
      });
      return;
    }
    if (!Number.isInteger(entries) || entries < entriesRange.min || entries > entriesRange.max) {
      setStatus({
        ok: false,
        text: `Log entries kept must be a whole number from ${num(entriesRange.min)} to ${num(entriesRange.max)}.`,
      });
      return;
    }
    if (!Number.isFinite(bytes) || bytes < mbRange.min * MB || bytes > mbRange.max * MB) {
      setStatus({
        ok: false,
        text: `Log size must be between ${num(mbRange.min)} and ${num(mbRange.max)} MB.`,
      });
      return;
    }
    const historyBytes = Number(historyMb) * MB;
    if (!Number.isFinite(historyBytes) || historyBytes < MB || historyBytes > 16384 * MB) {
      setStatus({ ok: false, text: 'History size must be between 1 and 16384 MB.' });
      return;
    }
    const patch: SettingsPatch = {
      profile,
      strictMembers: strict,
      rateLimit: { enabled: rateOn, perSecond },
      logRetention: { maxEntries: entries, maxBytes: Math.round(bytes) },
      history: { enabled: settings.history.enabled, maxBytes: Math.round(historyBytes) },
      enabledAttributes: attrs,
    };
    try {
      setStatus(null);
      // saving replaces the settings, which remounts this form: the confirmation comes from savedAt
      await update(patch, 'settings-form');
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="settings-form">
      <fieldset className="panel">
        <legend>Tenant profile</legend>
        {(Object.keys(PROFILE_TEXT) as ProfileName[]).map((p) => (
          <label key={p} className="radio">
            <input
              type="radio"
              name="profile"
              value={p}
              checked={profile === p}
              onChange={() => setProfile(p)}
            />
            <span>
              <strong>{PROFILE_TEXT[p].title}</strong>
              <span className="muted"> — {PROFILE_TEXT[p].text}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="panel">
        <legend>Group members</legend>
        <label className="check">
          <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} />
          Strict members: reject a group write naming unknown users with 400, instead of dropping them with a
          warning (the default, so Okta's push goes on).
        </label>
      </fieldset>
      <fieldset className="panel">
        <legend>Rate limit</legend>
        <div className="inline-fields">
          <label className="check">
            <input type="checkbox" checked={rateOn} onChange={(e) => setRateOn(e.target.checked)} />
            Answer 429 with Retry-After above
          </label>
          <input
            type="number"
            min={rate.min}
            max={rate.max}
            aria-label="Requests per second"
            value={rps}
            onChange={(e) => setRps(e.target.value)}
            className="num"
          />
          <span>requests/second</span>
          <button
            type="button"
            className="button small"
            onClick={() => {
              setRateOn(true);
              setRps(String(NETSKOPE_RPS));
            }}
          >
            Netskope preset ({NETSKOPE_RPS} rps)
          </button>
        </div>
        <p className="muted small">
          Okta honours 429 + Retry-After and backs off (spec: Okta rate limiting). This switch is the fault
          rule “netskope-rate-limit” on the Faults screen, where its hits and the client’s retries show.
        </p>
      </fieldset>
      <fieldset className="panel">
        <legend>Log retention</legend>
        <div className="inline-fields">
          <label className="inline-field">
            Keep at most
            <input
              type="number"
              min={entriesRange.min}
              max={entriesRange.max}
              className="num"
              value={maxEntries}
              onChange={(e) => setMaxEntries(e.target.value)}
            />
            entries
          </label>
          <label className="inline-field">
            and
            <input
              type="number"
              min={mbRange.min}
              max={mbRange.max}
              className="num"
              value={maxMb}
              onChange={(e) => setMaxMb(e.target.value)}
            />
            MB
          </label>
        </div>
        <p className="muted small">The oldest entries are dropped first.</p>
      </fieldset>
      <fieldset className="panel">
        <legend>History</legend>
        <label className="inline-field">
          Keep at most
          <input
            type="number"
            min={1}
            className="num"
            aria-label="History size in MB"
            value={historyMb}
            onChange={(e) => setHistoryMb(e.target.value)}
          />
          MB of resource history
        </label>
        <p className="muted small">
          The oldest versions are dropped first; a user or group whose timeline lost versions says so.
        </p>
      </fieldset>
      <fieldset className="panel">
        <legend>Enabled attributes</legend>
        <p className="muted small">
          Netskope stores these only once enabled through PATCH /Schemas; until then they are ignored and
          listed as ignored on the user.
        </p>
        <div className="attr-grid">
          {attrOptions.map((a) => (
            <label key={a.value} className="check" title={a.value}>
              <input
                type="checkbox"
                checked={attrs.includes(a.value)}
                onChange={(e) =>
                  setAttrs(e.target.checked ? [...attrs, a.value] : attrs.filter((x) => x !== a.value))
                }
              />
              {a.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        {!status && savedAt && (
          <span className="form-ok" role="status">
            Settings saved at {formatTime(savedAt)}. They apply to the next SCIM request.
          </span>
        )}
        {status && (
          <span className={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
            {status.text}
          </span>
        )}
      </div>
    </form>
  );
}
