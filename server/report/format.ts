/** The report in each of its output formats, and the HAR of its evidence. */
import type { LogEntry } from '../domain/request-record';
import { toHar } from './har';
import { renderReportHtml } from './render-html';
import type { ValidationReport } from './report-types';

export const REPORT_FORMATS = ['html', 'json', 'har'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Log ids the report cites: each checklist step's evidence and every refused request. */
export function evidenceIds(rep: ValidationReport): Set<string> {
  const ids = new Set<string>();
  for (const step of rep.checklist) for (const e of step.evidence) ids.add(e.id);
  for (const w of rep.warnings) if (w.requestId) ids.add(w.requestId);
  return ids;
}

export function formatReport(
  rep: ValidationReport,
  format: ReportFormat,
  entries: readonly LogEntry[],
  version: string,
): string {
  if (format === 'html') return renderReportHtml(rep);
  if (format === 'json') return JSON.stringify(rep, null, 2) + '\n';
  const ids = evidenceIds(rep);
  return (
    JSON.stringify(
      toHar(
        entries.filter((e) => ids.has(e.id)),
        version,
        `Evidence of the ScimDesk validation report generated ${rep.generatedAt}`,
      ),
      null,
      2,
    ) + '\n'
  );
}
