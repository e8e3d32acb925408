/** Connect: where to point Okta, the tunnel URL, the tenant profile and the setup checklist. */
import { useEffect } from 'react';
import { Busy, ErrorBanner } from '../../components/notice';
import { PROFILE_TEXT } from '../../lib/profiles';
import { useConnect } from '../../stores/connect-store';
import { useNav } from '../../stores/nav-store';
import { useSettings } from '../../stores/settings-store';
import { Checklist } from './checklist';
import { SimulatePanel } from './simulate-panel';
import { TunnelField } from './tunnel-field';
import { UrlRow } from './url-row';

/** The Connect screen. */
export function ConnectScreen() {
  const info = useConnect((s) => s.info);
  const steps = useConnect((s) => s.steps);
  const error = useConnect((s) => s.error);
  const settings = useSettings((s) => s.settings);
  const go = useNav((s) => s.go);

  useEffect(() => {
    void useSettings.getState().load();
  }, []);

  return (
    <div className="screen">
      <header className="screen-head">
        <div>
          <div className="breadcrumb">Settings › Tools › Directory Tools › SCIM Integration</div>
          <h1>Connect Okta</h1>
        </div>
      </header>
      {error && <ErrorBanner onRetry={() => void useConnect.getState().load()}>{error}</ErrorBanner>}
      {!info ? (
        !error && <Busy>Asking the server for its addresses…</Busy>
      ) : (
        <div className="connect-grid">
          <div>
            <section className="panel" aria-labelledby="scim-url-title">
              <h2 id="scim-url-title">SCIM Server URL</h2>
              <UrlRow
                label="Local base URL"
                url={info.scimBaseUrl}
                note="For tools on this machine. Okta cannot reach 127.0.0.1: use a tunnel (below)."
              />
              <UrlRow
                label="Legacy URL"
                url={info.legacyBaseUrl}
                note="Netskope's older /SCIM/V2/{orgKey} form, for existing Okta and OneLogin configurations."
              />
            </section>
            <section className="panel" aria-labelledby="tunnel-title">
              <h2 id="tunnel-title">Expose it to Okta</h2>
              {settings ? (
                <TunnelField saved={settings.publicUrl} orgKey={settings.orgKey} port={settings.scimPort} />
              ) : (
                <Busy>Loading settings…</Busy>
              )}
            </section>
            <section className="panel" aria-labelledby="profile-title">
              <h2 id="profile-title">Tenant profile</h2>
              <p>
                <strong>{PROFILE_TEXT[info.profile].title}</strong>: {PROFILE_TEXT[info.profile].text}
              </p>
              <button type="button" className="link" onClick={() => go('settings')}>
                Change in Settings
              </button>
            </section>
          </div>
          <div>
            <section className="panel" aria-labelledby="checklist-title">
              <h2 id="checklist-title">Okta setup checklist</h2>
              <p className="muted">
                In Okta, open the Netskope app, then Provisioning › Integration: paste the Okta Base URL and a
                token from the Tokens screen. Each step below ticks itself when its traffic arrives.
              </p>
              <Checklist steps={steps} />
            </section>
            <SimulatePanel />
          </div>
        </div>
      )}
    </div>
  );
}
