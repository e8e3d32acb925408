/**
 * The validation report as one self-contained HTML file: inline styles, no scripts, no
 * external requests (readable offline, safe to attach to a change ticket), and print styles.
 * Every value is escaped: resource names and SCIM error texts come from the IdP.
 */
import type { DiffEntry, Version } from '../domain/history';
import type { GroupLifecycle, LifecycleEvent, ValidationReport } from './report-types';
import { REPORT_CSS } from './report-css';

export function esc(v: unknown): string {
  const s = typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const when = (e: LifecycleEvent | null): string =>
  e ? `<time>${esc(e.time)}</time>${e.requestId ? ` <code>${esc(e.requestId)}</code>` : ''}` : '—';
const whenList = (es: LifecycleEvent[]): string =>
  es.length === 0 ? '—' : es.map((e) => `<div>${when(e)}</div>`).join('');

function table(head: string[], rows: string[][], cls = ''): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  return `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function diffList(diff: DiffEntry[]): string {
  if (diff.length === 0) return '';
  return `<ul class="diff">${diff
    .map(
      (d) =>
        `<li><code>${esc(d.path)}</code>: <span class="old">${esc(d.old)}</span> → <span class="new">${esc(d.new)}</span></li>`,
    )
    .join('')}</ul>`;
}

function membersText(v: Version): string {
  const parts: string[] = [];
  const names = (ms: Version['membersAdded'], n: number): string =>
    ms
      .slice(0, 50)
      .map((m) => esc(m.display ?? m.id) + (m.reason ? ` (${esc(m.reason)})` : ''))
      .join(', ') + (n > 50 ? `, … ${n - 50} more` : '');
  if (v.kind === 'dropped-members')
    return `<p>Dropped ${v.membersAddedCount}: ${names(v.membersAdded, v.membersAddedCount)}</p>`;
  if (v.membersAddedCount)
    parts.push(`<p>+${v.membersAddedCount} added: ${names(v.membersAdded, v.membersAddedCount)}</p>`);
  if (v.membersRemovedCount)
    parts.push(`<p>−${v.membersRemovedCount} removed: ${names(v.membersRemoved, v.membersRemovedCount)}</p>`);
  return parts.join('');
}

function groupMembership(g: GroupLifecycle): string {
  if (g.membership.length === 0) return '—';
  return g.membership
    .map((m) => `<div><time>${esc(m.time)}</time> +${m.added} / −${m.removed}</div>`)
    .join('');
}

export function renderReportHtml(rep: ValidationReport): string {
  const s = rep.settings;
  const checklist = table(
    ['Step', 'Status', 'When', 'Evidence (redacted requests)'],
    rep.checklist.map((c) => [
      esc(c.label),
      c.done ? '<span class="ok">✔ proven</span>' : '<span class="todo">✘ not yet</span>',
      c.at ? `<time>${esc(c.at)}</time>` : '—',
      c.evidence
        .map(
          (e) =>
            `<div><code>${esc(e.id)}</code> ${esc(e.method)} ${esc(e.path)}${e.query ? `?${esc(e.query)}` : ''} → ${e.status}</div>`,
        )
        .join('') || '—',
    ]),
  );
  const users = table(
    ['User', 'Status', 'Created', 'Updated', 'Deactivated', 'Reactivated', 'Deleted'],
    rep.users.map((u) => [
      `<strong>${esc(u.userName)}</strong><br><code>${esc(u.id)}</code>`,
      u.deleted ? 'deleted' : u.active ? 'active' : 'inactive',
      when(u.created),
      whenList(u.updated),
      whenList(u.deactivated),
      whenList(u.reactivated),
      when(u.deletedAt),
    ]),
    'matrix',
  );
  const groups = table(
    ['Group', 'Members', 'Pushed', 'Renamed', 'Membership changes', 'Deleted'],
    rep.groups.map((g) => [
      `<strong>${esc(g.displayName)}</strong><br><code>${esc(g.id)}</code>`,
      String(g.memberCount),
      when(g.pushed),
      g.renamed.length
        ? g.renamed.map((x) => `<div>${when(x)}: ${esc(x.from)} → ${esc(x.to)}</div>`).join('')
        : '—',
      groupMembership(g),
      when(g.deletedAt),
    ]),
    'matrix',
  );
  const warnings = table(
    ['When', 'Kind', 'Resource', 'Detail', 'Request'],
    rep.warnings.map((w) => [
      `<time>${esc(w.time)}</time>`,
      esc(w.kind),
      esc(w.resourceName ?? w.resourceId ?? ''),
      esc(w.detail) + (w.scimType ? ` <code>${esc(w.scimType)}</code>` : ''),
      w.requestId ? `<code>${esc(w.requestId)}</code>` : '',
    ]),
  );
  const counts = table(
    ['Status class', 'Requests'],
    Object.entries(rep.statusCounts).map(([k, v]) => [esc(k), String(v)]),
  );
  const actions = table(
    ['Okta action', 'Requests'],
    Object.entries(rep.actionCounts).map(([k, v]) => [esc(k), String(v)]),
  );
  const history = rep.history
    .map(
      (h) =>
        `<section class="resource"><h3>${esc(h.resourceType)} ${esc(h.resourceName ?? h.resourceId)} <code>${esc(
          h.resourceId,
        )}</code></h3>${h.truncated ? '<p class="todo">Older versions were dropped by the history size cap.</p>' : ''}${h.versions
          .map(
            (v) =>
              `<div class="version"><div><time>${esc(v.time)}</time> <strong>${esc(v.kind)}</strong>${
                v.action ? ` · ${esc(v.action)}` : ''
              }${v.requestId ? ` · <code>${esc(v.requestId)}</code>` : ''}${v.tokenName ? ` · token ${esc(v.tokenName)}` : ''}${
                v.fault ? ` · fault rule ${esc(v.fault)}` : ''
              }</div>${diffList(v.diff)}${membersText(v)}</div>`,
          )
          .join('')}</section>`,
    )
    .join('');
  const omitted =
    rep.omitted.users || rep.omitted.groups
      ? `<p class="todo">Listed the first resources only: ${rep.omitted.users} more users and ${rep.omitted.groups} more groups are in the database.</p>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(rep.title)}</title><style>${REPORT_CSS}</style></head>
<body><header><h1>${esc(rep.title)}</h1>
<p>Generated <time>${esc(rep.generatedAt)}</time> from <code>${esc(rep.source.dataDir)}</code>${
    rep.source.journalLsn !== null ? ` (journal LSN ${rep.source.journalLsn})` : ''
  }.</p></header>
<section><h2>Tenant</h2>${table(
    ['Setting', 'Value'],
    [
      ['Profile', esc(rep.profile)],
      ['Strict members', esc(s.strictMembers)],
      ['Rate limit', esc(s.rateLimit)],
      ['Enabled attributes', esc(s.enabledAttributes.join(', ') || 'none')],
      ['Request log retention', esc(s.logRetention)],
      ['History', esc(s.history)],
      ['Public URL', esc(s.publicUrl ?? 'none')],
    ],
  )}</section>
<section><h2>Time span</h2><p>${rep.span.from ? `<time>${esc(rep.span.from)}</time> to <time>${esc(rep.span.to)}</time>` : 'No traffic recorded.'}: ${rep.span.requests} requests in the log, ${rep.span.versions} history versions.</p></section>
<section><h2>Okta setup checklist</h2>${checklist}</section>
<section><h2>Lifecycle: users</h2>${omitted}${users}</section>
<section><h2>Lifecycle: groups</h2>${groups}</section>
<section><h2>Warnings</h2>${warnings}</section>
<section class="cols"><div><h2>Requests by status class</h2>${counts}</div><div><h2>Requests by Okta action</h2>${actions}</div></section>
<section><h2>History</h2>${history || '<p class="muted">No history recorded.</p>'}</section>
</body></html>
`;
}
