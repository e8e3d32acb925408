/**
 * Query parameters of list requests (RFC 7644 §3.4.2): filter, sortBy/sortOrder, startIndex
 * and count (1-based; defaults 1 and 100, capped at 200 as Netskope's ServiceProviderConfig
 * advertises, docs/netskope.md §7), attributes/excludedAttributes.
 */
import { invalidValue } from '../domain/errors';
import { parseAttributeList, type Projection } from './projection';

export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 200;

export interface ListParams {
  filter?: string;
  sortBy?: string;
  descending: boolean;
  startIndex: number;
  count: number;
  projection: Projection;
}

function single(q: URLSearchParams, name: string): string | undefined {
  // Parameter names are matched case-insensitively: clients send startindex/Count too.
  let found: string | undefined;
  for (const [k, v] of q) {
    if (k.toLowerCase() !== name.toLowerCase()) continue;
    if (found !== undefined) throw invalidValue(`query parameter "${name}" given more than once`);
    found = v;
  }
  return found;
}

function integer(q: URLSearchParams, name: string): number | undefined {
  const raw = single(q, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^[+-]?\d{1,15}$/.test(raw.trim())) throw invalidValue(`${name} must be an integer, got "${raw}"`);
  return Number(raw);
}

export function parseListParams(q: URLSearchParams): ListParams {
  const startIndex = integer(q, 'startIndex');
  const count = integer(q, 'count');
  const sortOrder = single(q, 'sortOrder');
  if (sortOrder !== undefined && !/^(ascending|descending)$/i.test(sortOrder)) {
    throw invalidValue(`sortOrder must be "ascending" or "descending", got "${sortOrder}"`);
  }
  const filter = single(q, 'filter');
  const sortBy = single(q, 'sortBy');
  const attributes = parseAttributeList(single(q, 'attributes'));
  const excluded = parseAttributeList(single(q, 'excludedAttributes'));
  return {
    ...(filter !== undefined && filter.trim() !== '' ? { filter } : {}),
    ...(sortBy !== undefined && sortBy.trim() !== '' ? { sortBy: sortBy.trim() } : {}),
    descending: /^descending$/i.test(sortOrder ?? ''),
    // RFC 7644 §3.4.2.4: startIndex < 1 is read as 1; a negative count as 0.
    startIndex: Math.max(1, startIndex ?? 1),
    count: Math.min(MAX_COUNT, Math.max(0, count ?? DEFAULT_COUNT)),
    projection: {
      ...(attributes ? { attributes } : {}),
      ...(excluded ? { excluded } : {}),
    },
  };
}

/** Projection only (GET of one resource). */
export function parseProjection(q: URLSearchParams): Projection {
  const attributes = parseAttributeList(single(q, 'attributes'));
  const excluded = parseAttributeList(single(q, 'excludedAttributes'));
  return { ...(attributes ? { attributes } : {}), ...(excluded ? { excluded } : {}) };
}
