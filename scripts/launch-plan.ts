/**
 * Decisions behind `npm start` (./start.ts), as pure functions so they can be tested without
 * Electron, a display or a build: is the build stale, and can Electron run here?
 */

/** Newest source mtime vs the oldest build output: rebuild when any output is missing or older. */
export function isBuildStale(outputMtimes: readonly (number | null)[], newestSourceMtime: number): boolean {
  if (outputMtimes.length === 0 || outputMtimes.some((m) => m === null)) return true;
  return Math.min(...(outputMtimes as number[])) < newestSourceMtime;
}

export interface HostFacts {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** process.getuid?.() === 0 */
  isRoot: boolean;
}

/**
 * Why this machine cannot show Electron, or null. Checked before the binary, because finding
 * the binary may mean downloading it, which is pointless without a display.
 */
export function hostReason(h: HostFacts): string | null {
  if (h.env['SCIMDESK_HEADLESS'] === '1') return 'SCIMDESK_HEADLESS=1 is set';
  if (h.platform === 'linux' && !h.env['DISPLAY'] && !h.env['WAYLAND_DISPLAY']) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  // Chromium's sandbox cannot run as root; starting Electron there needs --no-sandbox, which
  // would switch off a protection the console relies on (docs/architecture.md "Security posture").
  if (h.platform === 'linux' && h.isRoot)
    return 'it would run as root, where the Chromium sandbox cannot work';
  return null;
}

/**
 * The electron package records its binary as `path.txt` (relative to `dist/`) once downloaded.
 * Returns the binary path, or null when it is not there.
 */
export function installedBinary(
  packageDir: string,
  readText: (file: string) => string | null,
  exists: (file: string) => boolean,
  join: (...parts: string[]) => string,
): string | null {
  const rel = readText(join(packageDir, 'path.txt'))?.trim();
  if (!rel) return null;
  const full = join(packageDir, 'dist', rel);
  return exists(full) ? full : null;
}

/** First line of a failed download's output, for the one-line notice. */
export function firstLine(text: string, max = 160): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? 'unknown error';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The one line `npm start` prints before falling back to headless mode. */
export function headlessNotice(reason: string): string {
  return `ScimDesk: not opening the desktop window because ${reason}; starting headless mode with the console in your browser.`;
}
