/**
 * "Export report": the validation report (docs/history.md) as one self-contained HTML file,
 * as JSON, or its evidence as a HAR 1.2 file, saved through the browser's download.
 */
import { useState } from 'react';
import { api } from '../../api/client';
import { errorMessage } from '../../api/admin-error';
import { downloadText } from '../../lib/download';

const FORMATS = {
  html: { label: 'HTML', mime: 'text/html', ext: 'html' },
  json: { label: 'JSON', mime: 'application/json', ext: 'json' },
  har: { label: 'HAR (evidence)', mime: 'application/json', ext: 'har' },
} as const;
type Format = keyof typeof FORMATS;

export function ExportReport() {
  const [format, setFormat] = useState<Format>('html');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const text = await api().exportReport({ format });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      downloadText(text, `scimdesk-report-${stamp}.${FORMATS[format].ext}`, FORMATS[format].mime);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="report-title">
      <h2 id="report-title">Validation report</h2>
      <p className="muted small">
        The checklist with its evidence, every user&apos;s and group&apos;s lifecycle, warnings and history,
        for a change ticket. Headless: <code>npm run report -- --data DIR</code>.
      </p>
      <div className="filter-row">
        <select
          aria-label="Report format"
          value={format}
          onChange={(e) => setFormat(e.target.value as Format)}
        >
          {Object.entries(FORMATS).map(([k, f]) => (
            <option key={k} value={k}>
              {f.label}
            </option>
          ))}
        </select>
        <button type="button" className="button primary" disabled={busy} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export report'}
        </button>
      </div>
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
