/** scripts/launch-plan.ts: when `npm start` builds, and why it falls back to headless mode. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  firstLine,
  headlessNotice,
  hostReason,
  installedBinary,
  isBuildStale,
} from '../../scripts/launch-plan';

describe('isBuildStale', () => {
  it.each([
    ['no outputs', [], 10, true],
    ['an output missing', [20, null, 20], 10, true],
    ['an output older than a source', [20, 5, 20], 10, true],
    ['all outputs newer', [20, 15, 30], 10, false],
  ] as const)('%s → %s', (_n, outputs, src, stale) => {
    expect(isBuildStale(outputs, src)).toBe(stale);
  });
});

describe('hostReason', () => {
  const linux = { platform: 'linux' as const, isRoot: false };
  it.each([
    ['Linux with X11', { ...linux, env: { DISPLAY: ':0' } }, null],
    ['Linux with Wayland', { ...linux, env: { WAYLAND_DISPLAY: 'wayland-0' } }, null],
    ['Linux without a display', { ...linux, env: {} }, /no display/],
    [
      'Linux as root with a display',
      { platform: 'linux' as const, isRoot: true, env: { DISPLAY: ':0' } },
      /root/,
    ],
    ['macOS needs no DISPLAY', { platform: 'darwin' as const, isRoot: false, env: {} }, null],
    ['Windows needs no DISPLAY', { platform: 'win32' as const, isRoot: false, env: {} }, null],
    [
      'forced headless',
      { platform: 'darwin' as const, isRoot: false, env: { SCIMDESK_HEADLESS: '1' } },
      /SCIMDESK_HEADLESS/,
    ],
  ])('%s', (_n, facts, expected) => {
    const r = hostReason(facts);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toMatch(expected);
  });
});

describe('installedBinary', () => {
  const dir = '/p/node_modules/electron';
  const join = path.posix.join;
  it('finds the binary path.txt points at', () => {
    const files = new Map([[`${dir}/path.txt`, 'electron\n']]);
    expect(
      installedBinary(
        dir,
        (f) => files.get(f) ?? null,
        (f) => f === `${dir}/dist/electron`,
        join,
      ),
    ).toBe(`${dir}/dist/electron`);
  });
  it('null without path.txt or without the file it names', () => {
    expect(
      installedBinary(
        dir,
        () => null,
        () => true,
        join,
      ),
    ).toBeNull();
    expect(
      installedBinary(
        dir,
        () => 'electron',
        () => false,
        join,
      ),
    ).toBeNull();
  });
});

describe('the one-line notice', () => {
  it('is one line, with the first line of a failure', () => {
    const why = firstLine('\n  TypeError: fetch failed\n    at node:internal/deps/undici\n');
    expect(why).toBe('TypeError: fetch failed');
    const line = headlessNotice(`no Electron binary could be obtained (${why})`);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('headless');
  });
  it('truncates very long first lines', () => {
    expect(firstLine('x'.repeat(500)).length).toBeLessThanOrEqual(160);
  });
});
