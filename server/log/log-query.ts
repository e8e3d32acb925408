/** Request-log filtering (the console's log page) and CSV export. */
import type { LogEntry, LogQuery, LogSummary } from '../domain/request-record';

/** `e` needs its bodies only when the query searches text (`q.text`). */
export function matchesQuery(
  e: LogSummary & Partial<Pick<LogEntry, 'requestBody' | 'responseBody'>>,
  q: LogQuery,
): boolean {
  if (q.methods?.length && !q.methods.includes(e.method)) return false;
  if (q.statusClasses?.length && !q.statusClasses.includes(`${Math.floor(e.status / 100)}xx` as '2xx'))
    return false;
  if (q.resourceType && e.resourceType !== q.resourceType) return false;
  if (q.actions?.length && !q.actions.includes(e.oktaAction)) return false;
  if (q.tokenName && e.tokenName !== q.tokenName) return false;
  if (q.minDurationMs !== undefined && e.durationMs < q.minDurationMs) return false;
  if (q.maxDurationMs !== undefined && e.durationMs > q.maxDurationMs) return false;
  if (q.from && e.time < q.from) return false;
  if (q.to && e.time > q.to) return false;
  if (q.resource) {
    const needle = q.resource.toLowerCase();
    const hit = e.resources.some(
      (r) =>
        r.id.toLowerCase() === needle ||
        r.externalId?.toLowerCase() === needle ||
        (r.name?.toLowerCase().includes(needle) ?? false),
    );
    if (!hit) return false;
  }
  if (q.text) {
    const needle = q.text.toLowerCase();
    const hay = [
      e.path,
      e.query,
      e.requestBody ?? '',
      e.responseBody ?? '',
      e.warnings.join(' '),
      e.tokenName ?? '',
      e.fault?.rule ?? '',
    ]
      .join('\n')
      .toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

const CSV_COLUMNS = [
  'time',
  'method',
  'path',
  'query',
  'status',
  'durationMs',
  'tokenName',
  'userAgent',
  'resourceType',
  'resources',
  'warnings',
  'patchStyle',
  'fault',
  'oktaAction',
  'requestBody',
  'responseBody',
] as const;

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // RFC 4180 quoting; a leading =,+,-,@ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: LogEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      CSV_COLUMNS.map((c) =>
        cell(c === 'resources' ? r.resources.map((x) => `${x.type}:${x.id}`).join(' ') : r[c]),
      ).join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
