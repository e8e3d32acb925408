/** Time and size formats of the console (Netskope's `YYYY-MM-DD HH:mm:ss`, spec/netskope.md §3.2). */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatTime } from '../../renderer/src/lib/format-time';

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
