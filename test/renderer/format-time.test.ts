/** Time and size formats of the console (Netskope's `YYYY-MM-DD HH:mm:ss`, docs/netskope.md §3.2). */
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatPreciseTime,
  formatTime,
  timeTitle,
} from '../../renderer/src/lib/format-time';

describe('formatTime', () => {
  it('formats in local time as YYYY-MM-DD HH:mm:ss', () => {
    const d = new Date(2018, 9, 23, 9, 24, 34);
    expect(formatTime(d.toISOString())).toBe('2018-10-23 09:24:34');
  });
  it('leaves empty and unparseable values readable', () => {
    expect(formatTime(null)).toBe('');
    expect(formatTime('')).toBe('');
    expect(formatTime('not a date')).toBe('not a date');
  });
});

describe('formatPreciseTime and timeTitle (request times, issue 17)', () => {
  it('shows milliseconds, zero-padded, in local time', () => {
    expect(formatPreciseTime(new Date(2026, 11, 5, 2, 37, 0, 123).toISOString())).toBe(
      '2026-12-05 02:37:00.123',
    );
    expect(formatPreciseTime(new Date(2026, 11, 5, 2, 37, 0, 7).toISOString())).toBe(
      '2026-12-05 02:37:00.007',
    );
    expect(formatPreciseTime(new Date(2026, 0, 1, 0, 0, 0, 0).toISOString())).toBe('2026-01-01 00:00:00.000');
  });
  it('texts sort as the instants do within a second', () => {
    const times = Array.from({ length: 100 }, (_, i) =>
      new Date(2026, 11, 5, 2, 37, 0, i * 10).toISOString(),
    );
    const shown = times.map(formatPreciseTime);
    expect(new Set(shown).size).toBe(100);
    expect([...shown].sort()).toEqual(shown);
  });
  it('hover text: local ISO with offset and zone, and the UTC value', () => {
    const iso = '2026-12-05T02:37:00.123Z';
    const d = new Date(iso);
    const title = timeTitle(iso);
    expect(title).toContain(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(title).toContain(iso);
    const local = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})(Z|[+-]\d\d:\d\d) /.exec(title);
    expect(local).not.toBeNull();
    // the local wall time plus its offset is the same instant
    expect(new Date(`${local?.[1]}${local?.[2]}`).getTime()).toBe(d.getTime());
    expect(local?.[1]?.replace('T', ' ')).toBe(formatPreciseTime(iso));
  });
  it('leaves empty and unparseable values readable', () => {
    expect(formatPreciseTime(null)).toBe('');
    expect(formatPreciseTime('not a date')).toBe('not a date');
    expect(timeTitle(undefined)).toBe('');
    expect(timeTitle('not a date')).toBe('not a date');
  });
});

describe('formatDuration and formatBytes', () => {
  it.each([
    [0.04, '0 ms'],
    [12.34, '12.3 ms'],
    [1400, '1.40 s'],
    [12_500, '12.5 s'],
  ])('%s ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
  it.each([
    [512, '512 B'],
    [1536, '1.5 KB'],
    [256 * 1024 * 1024, '256 MB'],
    [4 * 1024 ** 3, '4 GB'],
  ])('%s bytes → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
