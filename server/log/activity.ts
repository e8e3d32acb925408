/**
 * The activity feed: request-log entries told as sentences ("Okta deactivated
 * jane.doe@example.com", "Okta added 3 members to Finance (2 dropped: not provisioned yet)").
 * Reads, lookups and the GET before a PUT are steps of a flow, not activity: they are left out.
 */
import type { ActivityItem } from '../domain/activity';
import { OKTA_ACTION_LABELS, type OktaAction } from '../domain/okta-action';
import type { LogEntry, LogSummary } from '../domain/request-record';
import { asObject, field } from './actions/request-shape';

const QUIET: ReadonlySet<OktaAction> = new Set([
  'assign-lookup',
  'group-lookup',
  'schema-import',
  'import-groups',
]);

function subject(e: LogEntry): string {
  if (/okta/i.test(e.userAgent ?? '')) return 'Okta';
  return e.tokenName ? `Client "${e.tokenName}"` : 'A client';
}

/** Members named by the PATCH's add/replace ops and removed by its remove ops (the logged body). */
function memberCounts(e: LogEntry): { added: number; removed: number } | null {
  let body: unknown;
  try {
    body = JSON.parse(e.requestBody ?? '');
  } catch {
    return null; // cut in the log (a large batch): the sentence then says no number
  }
  const b = asObject(body);
  const ops = b ? field(b, 'Operations') : null;
  let added = 0;
  let removed = 0;
  if (Array.isArray(ops)) {
    for (const raw of ops) {
      const op = asObject(raw);
      if (!op) continue;
      const kind = String(field(op, 'op') ?? '').toLowerCase();
      const value = field(op, 'value');
      const list = Array.isArray(value)
        ? value
        : asObject(value)
          ? field(asObject(value) ?? {}, 'members')
          : null;
      if (kind === 'remove') removed += Array.isArray(value) ? value.length : 1;
      else if (Array.isArray(list)) added += list.length;
    }
  } else if (b && Array.isArray(field(b, 'members'))) {
    added = (field(b, 'members') as unknown[]).length;
  }
  return { added, removed };
}

function dropped(e: LogEntry): number {
  for (const w of e.warnings) {
    const m = /^(\d+) member\(s\) dropped/.exec(w);
    if (m?.[1]) return Number(m[1]);
  }
  return 0;
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

function sentence(e: LogEntry, who: string, name: string): string {
  const counts = memberCounts(e);
  const drop = dropped(e);
  const dropNote = drop ? ` (${drop} dropped: not provisioned yet)` : '';
  const added = counts ? counts.added - drop : null;
  switch (e.oktaAction) {
    case 'test-credentials':
      return `${who} tested the API credentials (${e.method} ${e.path.replace(/^.*\//, '/')})`;
    case 'import-users':
      return `${who} imported a page of users`;
    case 'assign-create':
      return `${who} created ${name}`;
    case 'assign-link':
      return `${who} linked ${name} to an existing user`;
    case 'profile-push':
      return `${who} updated ${name}`;
    case 'deactivate':
      return `${who} deactivated ${name}`;
    case 'reactivate':
      return `${who} reactivated ${name}`;
    case 'password-push':
      return `${who} pushed a new password for ${name}`;
    case 'group-create':
      return `${who} pushed the group ${name}`;
    case 'group-link':
      return `${who} linked the group ${name}`;
    case 'group-rename':
      return `${who} renamed a group to ${name}`;
    case 'members-add':
      return added === null
        ? `${who} added members to ${name}${dropNote}`
        : `${who} added ${plural(Math.max(0, added), 'member')} to ${name}${dropNote}`;
    case 'members-remove':
      return counts
        ? `${who} removed ${plural(counts.removed, 'member')} from ${name}`
        : `${who} removed members from ${name}`;
    case 'members-add-remove':
      return counts
        ? `${who} added ${plural(Math.max(0, counts.added - drop), 'member')} to and removed ${plural(counts.removed, 'member')} from ${name}${dropNote}`
        : `${who} changed the members of ${name}${dropNote}`;
    case 'members-replace':
      return added === 0 && !drop
        ? `${who} emptied ${name} (Push Now of an empty group)`
        : `${who} replaced the members of ${name}${added === null ? '' : ` with ${plural(Math.max(0, added), 'member')}`}${dropNote} (Push Now)`;
    case 'group-delete':
      return `${who} deleted the group ${name}`;
    default:
      return `${who} sent ${e.method} ${e.path} (not an Okta flow)`;
  }
}

/** The resource a refused create named (it got no id): userName or displayName from the logged body. */
function bodyName(e: LogEntry): string | null {
  try {
    const b = asObject(JSON.parse(e.requestBody ?? ''));
    const v = b ? (field(b, 'userName') ?? field(b, 'displayName')) : null;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** The feed line of one entry, or null when the entry is a quiet step of a flow. */
/** Whether an entry can be activity at all, from its summary (the feed skips the rest unread). */
export function mayBeActivity(e: LogSummary): boolean {
  if (QUIET.has(e.oktaAction)) return false;
  const write = e.method !== 'GET';
  if (!write && e.oktaAction !== 'test-credentials' && e.oktaAction !== 'import-users' && e.status < 400)
    return false;
  if (e.oktaAction === 'import-users' && e.status < 400 && !/startIndex=1(&|$)/i.test(e.query)) return false;
  return true;
}

export function describeActivity(e: LogEntry): ActivityItem | null {
  if (!mayBeActivity(e)) return null;
  const resource = e.resources[0] ?? null;
  const name = resource?.name ?? resource?.id ?? bodyName(e) ?? e.path.replace(/^.*\//, '');
  const who = subject(e);
  let text = sentence(e, who, name);
  let level: ActivityItem['level'] = e.warnings.length ? 'warn' : 'ok';
  if (e.status >= 400) {
    let detail = '';
    try {
      const body = JSON.parse(e.responseBody ?? '') as Record<string, unknown>;
      if (typeof body['detail'] === 'string') detail = `: ${body['detail']}`;
    } catch {
      // no SCIM error body
    }
    const label = OKTA_ACTION_LABELS[e.oktaAction];
    text = `${who}'s ${label.charAt(0).toLowerCase()}${label.slice(1)} of ${name} was refused (${e.status}${detail})`;
    level = 'error';
  }
  return {
    requestId: e.id,
    seq: e.seq,
    time: e.time,
    action: e.oktaAction,
    status: e.status,
    level,
    text,
    resource,
  };
}
