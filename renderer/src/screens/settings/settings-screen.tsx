/** Settings: tenant behaviour (editable) and where the server runs (read-only). */
import { useEffect } from 'react';
import { Busy, ErrorBanner } from '../../components/notice';
import { formatTime } from '../../lib/format-time';
import { useConnect } from '../../stores/connect-store';
import { useSettings } from '../../stores/settings-store';
import { SettingsForm } from './settings-form';
import { CustomSchemaPanel } from './custom-schema-panel';

/** The Settings screen. */
export function SettingsScreen() {
  const settings = useSettings((s) => s.settings);
  const error = useSettings((s) => s.error);
  const info = useConnect((s) => s.info);

  useEffect(() => {
    void useSettings.getState().load();
  }, []);

  return (
    <div className="screen">
      <header className="screen-head">
        <div>
          <div className="breadcrumb">ScimDesk</div>
          <h1>Settings</h1>
        </div>
      </header>
      {error && <ErrorBanner onRetry={() => void useSettings.getState().load()}>{error}</ErrorBanner>}
      {!settings ? (
        !error && <Busy>Loading settings…</Busy>
      ) : (
        <div className="settings-grid">
          <SettingsForm key={JSON.stringify(settings)} settings={settings} />
          <CustomSchemaPanel available={settings.profile !== 'rfc'} />
          <section className="panel" aria-labelledby="runtime-title">
            <h2 id="runtime-title">Server (read-only)</h2>
            <dl className="facts">
              <dt>SCIM listener</dt>
              <dd className="mono">
                {settings.scimHost}:{settings.scimPort}
              </dd>
              <dt>Data directory</dt>
              <dd className="mono">{settings.dataDir}</dd>
              <dt>Org key</dt>
              <dd className="mono">{settings.orgKey}</dd>
              {info && (
                <>
                  <dt>Mode</dt>
                  <dd>{info.mode === 'headless' ? 'Headless (browser console)' : 'Desktop'}</dd>
                  <dt>Started</dt>
                  <dd className="mono">{formatTime(info.startedAt)}</dd>
                  <dt>Version</dt>
                  <dd>{info.version}</dd>
                  <dt>Storage</dt>
                  <dd>{info.storeHealth === 'ok' ? 'OK' : `Failed: ${info.storeError ?? ''}`}</dd>
                </>
              )}
            </dl>
            <p className="muted small">
              Ports and the data directory are chosen at start (
              <code>npm run serve -- --port N --data DIR</code>).
            </p>
          </section>
        </div>
      )}
    </div>
  );
}
