/** Request log columns: time, method, path, status, duration, Okta action, token, resources, warnings. */
import type { LogSummary } from '../../../../server/admin/contract';
import { HttpStatus } from '../../components/status-badge';
import type { Column } from '../../components/virtual-table';
import { PreciseTime } from '../../components/precise-time';
import { formatDuration } from '../../lib/format-time';
import { ActionLabel } from '../../components/action-label';

function resourceText(e: LogSummary): string {
  return e.resources.map((r) => r.name ?? r.externalId ?? r.id).join(', ');
}

export const LOG_COLUMNS: Column<LogSummary>[] = [
  {
    key: 'time',
    header: 'Time',
    width: '196px',
    render: (e) => <PreciseTime iso={e.time} />,
  },
  {
    key: 'method',
    header: 'Method',
    width: '78px',
    render: (e) => <span className="mono method">{e.method}</span>,
  },
  {
    key: 'path',
    header: 'Path',
    width: 'minmax(160px, 2fr)',
    render: (e) => (
      <span className="mono" title={`${e.path}${e.query ? `?${e.query}` : ''}`}>
        {e.path}
        {e.query && <span className="muted">?{e.query}</span>}
      </span>
    ),
  },
  {
    key: 'status',
    header: 'Status',
    width: '70px',
    // An injected answer is marked with its rule (docs/faults.md); status 0: dropped connection.
    render: (e) =>
      e.fault ? (
        <span
          className="fault-mark"
          title={`Injected by fault rule "${e.fault.rule}"`}
          data-fault={e.fault.rule}
        >
          {e.status === 0 ? 'drop' : <HttpStatus status={e.status} />}
          <span className="visually-hidden"> injected by fault rule {e.fault.rule}</span>
          <span aria-hidden="true"> ⚡</span>
        </span>
      ) : (
        <HttpStatus status={e.status} />
      ),
  },
  {
    key: 'duration',
    header: 'Duration',
    width: '92px',
    render: (e) => <span className="mono">{formatDuration(e.durationMs)}</span>,
  },
  {
    key: 'action',
    header: 'Okta action',
    width: 'minmax(110px, 1fr)',
    render: (e) => (
      <span className={e.oktaAction === 'not-okta' ? 'muted' : undefined}>
        <ActionLabel action={e.oktaAction} />
      </span>
    ),
  },
  {
    key: 'token',
    header: 'Token',
    width: 'minmax(70px, 0.7fr)',
    render: (e) =>
      e.simulated ? (
        <span title={`${e.tokenName ?? ''}: sent by Simulate Okta, not by an IdP`}>
          <span className="badge badge-sim">simulated</span> {e.tokenName}
        </span>
      ) : (
        (e.tokenName ?? '')
      ),
  },
  {
    key: 'resources',
    header: 'Resource',
    width: 'minmax(90px, 1fr)',
    render: (e) => <span title={resourceText(e)}>{resourceText(e)}</span>,
  },
  {
    key: 'warnings',
    header: 'Warn',
    width: '60px',
    render: (e) =>
      e.warnings.length > 0 ? (
        <span className="warn-dot" title={e.warnings.join('\n')} aria-label={`${e.warnings.length} warnings`}>
          {e.warnings.length}
        </span>
      ) : (
        ''
      ),
  },
];

/** With the detail drawer open the table is narrower: keep what identifies a request. */
export const LOG_COLUMNS_COMPACT = LOG_COLUMNS.filter((c) =>
  ['time', 'method', 'path', 'status'].includes(c.key),
);
