/**
 * The Request log filters: method, status class, resource type, Okta action, token (IdP client), user or
 * group (name, id or externalId), duration, time range and free text. Text fields apply after
 * a pause in typing; buttons and selects apply at once.
 */
import { useEffect, useState } from 'react';
import { useDebounced } from '../../lib/use-debounced';
import {
  EMPTY_FILTERS,
  type LogFilters,
  type ResourceKind,
  type StatusClass,
} from '../../stores/log-filters';
import { useLog } from '../../stores/log-store';
import { useOktaActions } from '../../lib/okta-actions';
import type { OktaAction } from '../../../../server/domain/okta-action';
import { useTokens } from '../../stores/tokens-store';
import { ToggleGroup } from './toggle-group';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const STATUS: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];
const KINDS: readonly ResourceKind[] = ['User', 'Group', 'Discovery', 'Other'];

/** The filter bar; it owns a draft and pushes it to the log store. */
export function LogFilterBar() {
  const applied = useLog((s) => s.filters);
  const setFilters = useLog((s) => s.setFilters);
  const tokens = useTokens((s) => s.tokens);
  const actions = useOktaActions();
  const [draft, setDraft] = useState<LogFilters>(applied);
  const settled = useDebounced(draft, 300);

  useEffect(() => {
    if (JSON.stringify(settled) !== JSON.stringify(useLog.getState().filters)) setFilters(settled);
  }, [settled, setFilters]);

  const set = <K extends keyof LogFilters>(key: K, value: LogFilters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const filtered = JSON.stringify(draft) !== JSON.stringify(EMPTY_FILTERS);

  return (
    <div className="log-filters" role="search" aria-label="Filter the request log">
      <div className="filter-row">
        <input
          type="search"
          className="filter-text"
          aria-label="Free text (path, query, bodies)"
          placeholder="Free text (path, query, bodies)"
          value={draft.text}
          onChange={(e) => set('text', e.target.value)}
        />
        <ToggleGroup
          label="Method"
          options={METHODS}
          value={draft.methods}
          onChange={(v) => set('methods', v)}
        />
        <ToggleGroup
          label="Status class"
          options={STATUS}
          value={draft.statusClasses}
          onChange={(v) => set('statusClasses', v)}
        />
        <select
          aria-label="Resource type"
          value={draft.resourceType}
          onChange={(e) => set('resourceType', e.target.value as ResourceKind | '')}
        >
          <option value="">All resources</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <select
          aria-label="Okta action"
          value={draft.action}
          onChange={(e) => set('action', e.target.value as OktaAction | '')}
        >
          <option value="">All Okta actions</option>
          {actions.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
        <select aria-label="Token" value={draft.tokenName} onChange={(e) => set('tokenName', e.target.value)}>
          <option value="">All tokens</option>
          {tokens.map((t) => (
            <option key={t.scimId} value={t.clientName}>
              {t.clientName}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-row">
        <input
          type="text"
          className="filter-resource"
          aria-label="User or group: name, id or externalId"
          placeholder="User/group: name, id, externalId"
          value={draft.resource}
          onChange={(e) => set('resource', e.target.value)}
        />
        <label className="inline-field">
          ms ≥
          <input
            type="number"
            min={0}
            className="filter-ms"
            aria-label="Minimum duration in milliseconds"
            value={draft.minDurationMs}
            onChange={(e) => set('minDurationMs', e.target.value)}
          />
        </label>
        <label className="inline-field">
          ≤
          <input
            type="number"
            min={0}
            className="filter-ms"
            aria-label="Maximum duration in milliseconds"
            value={draft.maxDurationMs}
            onChange={(e) => set('maxDurationMs', e.target.value)}
          />
        </label>
        <label className="inline-field">
          From
          <input
            type="datetime-local"
            step={0.001}
            aria-label="From time"
            value={draft.from}
            onChange={(e) => set('from', e.target.value)}
          />
        </label>
        <label className="inline-field">
          To
          <input
            type="datetime-local"
            step={0.001}
            aria-label="To time"
            value={draft.to}
            onChange={(e) => set('to', e.target.value)}
          />
        </label>
        {filtered && (
          <button type="button" className="link" onClick={() => setDraft(EMPTY_FILTERS)}>
            Reset filters
          </button>
        )}
      </div>
    </div>
  );
}
