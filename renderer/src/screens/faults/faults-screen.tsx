/** The Faults screen: rules, presets, the JSON editor and the Retries view (docs/faults.md). */
import { useEffect } from 'react';
import { Busy, EmptyState, ErrorBanner } from '../../components/notice';
import { useFaults } from '../../stores/faults-store';
import { PresetsPanel } from './presets-panel';
import { RetriesTable } from './retries-table';
import { RuleEditor } from './rule-editor';
import { RulesTable } from './rules-table';

export function FaultsScreen() {
  const { view, retries, error, load } = useFaults();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="screen">
      <header className="screen-head">
        <div>
          <div className="breadcrumb">ScimDesk</div>
          <h1>Faults</h1>
        </div>
      </header>
      <p className="intro">
        Make the tenant misbehave on purpose and see what the identity provider does about it: rate limits,
        errors, slow answers, dropped connections, lost acknowledgements. Rules apply after authentication, in
        order; the first that matches and fires answers. Nothing is written unless a rule says afterWrite.
      </p>
      {error && <ErrorBanner onRetry={() => void load()}>{error}</ErrorBanner>}
      {!view ? (
        <Busy>Loading fault rules…</Busy>
      ) : (
        <>
          <section className="panel" aria-labelledby="fault-rules-title">
            <div className="panel-head">
              <h2 id="fault-rules-title">Rules</h2>
            </div>
            {view.rules.length === 0 ? (
              <EmptyState title="No fault rules">
                The tenant answers normally. Add a preset below, or write rules.
              </EmptyState>
            ) : (
              <RulesTable rules={view.rules} />
            )}
          </section>
          <section className="panel" aria-labelledby="fault-presets-title">
            <h2 id="fault-presets-title">Presets</h2>
            <PresetsPanel presets={view.presets} />
          </section>
          <section className="panel" aria-labelledby="fault-editor-title">
            <h2 id="fault-editor-title">Edit rules</h2>
            <RuleEditor rules={view.rules.map((r) => r.rule)} />
          </section>
          <section className="panel" aria-labelledby="retries-title">
            <h2 id="retries-title">Retries</h2>
            {retries.length === 0 ? (
              <EmptyState title="No injected failures yet">
                Each failure a rule injects shows here with the client’s next attempts at the same request.
              </EmptyState>
            ) : (
              <RetriesTable chains={retries} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
