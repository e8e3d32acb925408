/**
 * Times in the console, in the viewer's local time. Netskope's token table shows
 * `YYYY-MM-DD HH:mm:ss` (docs/netskope.md §3.2, e.g. `2018-10-23 09:24:34`), which the console
 * uses for dates people read at a glance; request times (the Request log, a resource's
 * requests, and the history and activity feeds) add milliseconds, so that a burst of creates
 * within one second reads in order (issue 17), with the full ISO time and zone on hover.
 */
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function seconds(d: Date): string {
  return (
    `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ` +
    `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`
  );
}

/** `2018-10-23 09:24:34`; empty for no value, the text itself when it is not a time. */
export function formatTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? seconds(d) : (iso ?? '');
}

/** `2026-12-05 02:37:00.123`: request times, to the millisecond. */
export function formatPreciseTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? `${seconds(d)}.${p3(d.getMilliseconds())}` : (iso ?? '');
}

/** `+01:00`, `-05:30`, `Z`: the viewer's UTC offset at that instant. */
function offsetOf(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
}

/**
 * The hover text of a time: ISO 8601 in local time with its offset and zone name, and the
 * stored UTC value (`2026-12-05T03:37:00.123+01:00 (Europe/Berlin) · 2026-12-05T02:37:00.123Z`).
 */
export function timeTitle(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return iso ?? '';
  const local =
    `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T` +
    `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${p3(d.getMilliseconds())}${offsetOf(d)}`;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const utc = d.toISOString();
  return local.endsWith('Z') && utc === local ? `${utc} (${zone})` : `${local} (${zone}) · ${utc}`;
}

/** `12 ms`, `1.4 s`: request durations in the log. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** `1.5 MB`: sizes on the Settings screen. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${Math.round(v * 10) / 10} ${units[i] ?? 'TB'}`;
}
