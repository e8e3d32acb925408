/** The Request log filter form → the contract's LogQuery, and the newest-first merge of live entries. */
import { describe, expect, it } from 'vitest';
import type { LogSummary } from '../../server/admin/contract';
import { logQuerySchema } from '../../server/admin/contract';
import {
  EMPTY_FILTERS,
  endOf,
  isUnfiltered,
  mergeNewestFirst,
  toLogQuery,
} from '../../renderer/src/stores/log-filters';

const entry = (seq: number): LogSummary => ({
  id: `r${seq}`,
  seq,
  time: new Date(seq * 1000).toISOString(),
  method: 'GET',
  path: '/api/v2/scim/Users',
  query: '',
  status: 200,
  durationMs: 1,
  tokenName: 'OKTA',
  userAgent: null,
  resourceType: 'User',
  resources: [],
  warnings: [],
  patchStyle: null,
});

describe('toLogQuery', () => {
  it('leaves every field out when nothing is filtered', () => {
    expect(toLogQuery(EMPTY_FILTERS)).toEqual(
      Object.fromEntries(Object.keys(toLogQuery(EMPTY_FILTERS)).map((k) => [k, undefined])),
    );
    expect(isUnfiltered(EMPTY_FILTERS)).toBe(true);
    expect(isUnfiltered({ ...EMPTY_FILTERS, text: '   ' })).toBe(true);
  });

  it('produces a query the admin service accepts', () => {
    const q = toLogQuery({
      methods: ['POST', 'PATCH'],
      statusClasses: ['4xx'],
      resourceType: 'Group',
      tokenName: 'OKTA',
      resource: ' 00ujl29u0le5T6Aj10h7 ',
      minDurationMs: '5',
      maxDurationMs: 'abc',
      from: '2026-01-02T03:04:05',
      to: '',
      text: 'members',
    });
    expect(q).toMatchObject({
      methods: ['POST', 'PATCH'],
      statusClasses: ['4xx'],
      resourceType: 'Group',
      tokenName: 'OKTA',
      resource: '00ujl29u0le5T6Aj10h7',
      minDurationMs: 5,
      maxDurationMs: undefined,
      to: undefined,
      text: 'members',
    });
    expect(q.from).toBe(new Date('2026-01-02T03:04:05').toISOString());
    expect(logQuerySchema.safeParse(q).success).toBe(true);
  });
});

describe('time range (issue 17: times are stored to the millisecond)', () => {
  const q = (from: string, to: string) => toLogQuery({ ...EMPTY_FILTERS, from, to });
  it('a start time is the instant typed', () => {
    expect(q('2026-12-05T02:37:00.250', '').from).toBe(new Date(2026, 11, 5, 2, 37, 0, 250).toISOString());
    expect(q('2026-12-05T02:37:05', '').from).toBe(new Date(2026, 11, 5, 2, 37, 5, 0).toISOString());
  });
  it('an end time covers the whole minute, second or millisecond typed', () => {
    expect(q('', '2026-12-05T02:37').to).toBe(new Date(2026, 11, 5, 2, 37, 59, 999).toISOString());
    expect(q('', '2026-12-05T02:37:00').to).toBe(new Date(2026, 11, 5, 2, 37, 0, 999).toISOString());
    expect(q('', '2026-12-05T02:37:00.500').to).toBe(new Date(2026, 11, 5, 2, 37, 0, 500).toISOString());
    expect(endOf('')).toBeUndefined();
    expect(endOf('garbage')).toBeUndefined();
  });
});

describe('mergeNewestFirst', () => {
  it('orders by seq descending, drops duplicates and caps', () => {
    const merged = mergeNewestFirst([entry(5), entry(3)], [entry(4), entry(3), entry(1)], 4);
    expect(merged.map((e) => e.seq)).toEqual([5, 4, 3, 1]);
    expect(mergeNewestFirst([entry(9)], [entry(8), entry(7)], 2).map((e) => e.seq)).toEqual([9, 8]);
  });
});
