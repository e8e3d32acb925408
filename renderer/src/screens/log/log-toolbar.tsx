/** Pause (live entries are buffered and counted), clear (confirmed) and export as JSON or CSV. */
import { useState } from 'react';
import { api } from '../../api/client';
import { errorMessage } from '../../api/admin-error';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { downloadText } from '../../lib/download';
import { toLogQuery } from '../../stores/log-filters';
import { useLog } from '../../stores/log-store';

/** The log's action buttons. */
export function LogToolbar() {
  const paused = useLog((s) => s.paused);
  const buffered = useLog((s) => s.buffered.length);
  const count = useLog((s) => s.entries.length);
  const hasMore = useLog((s) => s.hasMore);
  const setPaused = useLog((s) => s.setPaused);
  const clear = useLog((s) => s.clear);
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const exportAs = async (format: 'json' | 'csv') => {
    setExporting(format);
    setError(null);
    try {
      const text = await api().exportLog({ ...toLogQuery(useLog.getState().filters), format, limit: 5000 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      downloadText(
        text,
        `scimdesk-log-${stamp}.${format}`,
        format === 'json' ? 'application/json' : 'text/csv',
      );
    } catch (err) {
      setError(`Export failed: ${errorMessage(err)}`);
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="toolbar log-toolbar">
      <button type="button" className="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
        {paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      {paused && (
        <span className="badge badge-warn" role="status">
          Paused: {buffered} new {buffered === 1 ? 'entry' : 'entries'} waiting
        </span>
      )}
      <span className="grow muted small" role="status" data-testid="log-count">
        {count.toLocaleString()} {count === 1 ? 'entry' : 'entries'} loaded
        {hasMore ? ' (scroll for older)' : ''}
      </span>
      <button
        type="button"
        className="button"
        disabled={exporting !== null}
        onClick={() => void exportAs('json')}
      >
        {exporting === 'json' ? 'Exporting…' : 'Export JSON'}
      </button>
      <button
        type="button"
        className="button"
        disabled={exporting !== null}
        onClick={() => void exportAs('csv')}
      >
        {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        Clear
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
      {confirming && (
        <ConfirmDialog
          title="Clear the request log?"
          confirmLabel="CLEAR LOG"
          onConfirm={clear}
          onClose={() => setConfirming(false)}
        >
          <p>
            Every recorded request and response is deleted. Users, groups and tokens are not touched. Export
            first if you need the record.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
