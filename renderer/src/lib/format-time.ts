/**
 * Netskope's token table shows times as `YYYY-MM-DD HH:mm:ss` (spec/netskope.md §3.2, e.g.
 * `2018-10-23 09:24:34`); the console uses that format everywhere, in the viewer's local time.
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  );
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

/** `2026-01-02 03:04:05.678`: history and activity times, where several writes share a second. */
export function formatTimeMs(iso: string | null | undefined): string {
  const base = formatTime(iso);
  if (!iso || base === iso) return base;
  return `${base}.${String(new Date(iso).getMilliseconds()).padStart(3, '0')}`;
}
