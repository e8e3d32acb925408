/** The Request log's filter form and its translation to the contract's LogQuery. */
import type { LogQuery, LogSummary } from '../../../server/admin/contract';

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx';
export type ResourceKind = 'User' | 'Group' | 'Discovery' | 'Other';

/** Form values, kept as typed so that half-typed numbers and dates stay in the inputs. */
export interface LogFilters {
  methods: string[];
  statusClasses: StatusClass[];
  resourceType: ResourceKind | '';
  tokenName: string;
  resource: string;
  minDurationMs: string;
  maxDurationMs: string;
  /** `datetime-local` input values: to the minute, second or millisecond, local time */
  from: string;
  to: string;
  text: string;
}

export const EMPTY_FILTERS: LogFilters = {
  methods: [],
  statusClasses: [],
  resourceType: '',
  tokenName: '',
  resource: '',
  minDurationMs: '',
  maxDurationMs: '',
  from: '',
  to: '',
  text: '',
};

function num(v: string): number | undefined {
  if (v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function iso(v: string): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * The last millisecond a typed end time covers, so that "to 02:37:00" keeps the entries logged
 * at 02:37:00.123 (times are stored to the millisecond): a value to the minute ends at
 * :59.999, one to the second at .999, one with milliseconds at itself.
 */
export function endOf(v: string): string | undefined {
  const start = iso(v);
  if (!start) return undefined;
  const time = v.split('T')[1] ?? '';
  const parts = time.split(':');
  const span = time.includes('.') ? 0 : parts.length >= 3 ? 999 : 59_999;
  return new Date(new Date(start).getTime() + span).toISOString();
}

/** The server query for these filters (empty fields are left out). */
export function toLogQuery(f: LogFilters): Omit<LogQuery, 'limit' | 'beforeSeq'> {
  return {
    methods: f.methods.length ? f.methods : undefined,
    statusClasses: f.statusClasses.length ? f.statusClasses : undefined,
    resourceType: f.resourceType || undefined,
    tokenName: f.tokenName.trim() || undefined,
    resource: f.resource.trim() || undefined,
    minDurationMs: num(f.minDurationMs),
    maxDurationMs: num(f.maxDurationMs),
    from: iso(f.from),
    to: endOf(f.to),
    text: f.text.trim() || undefined,
  };
}

/** True when no filter narrows the log: live entries can then be prepended as they come. */
export function isUnfiltered(f: LogFilters): boolean {
  return Object.values(toLogQuery(f)).every((v) => v === undefined);
}

/** Merges entries newest first by `seq`, without duplicates. */
export function mergeNewestFirst(a: LogSummary[], b: LogSummary[], cap: number): LogSummary[] {
  const seen = new Set<string>();
  const out: LogSummary[] = [];
  for (const e of [...a, ...b].sort((x, y) => y.seq - x.seq)) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
    if (out.length >= cap) break;
  }
  return out;
}
