/** A request time to the millisecond, with the full ISO time and zone on hover (../lib/format-time.ts). */
import { formatPreciseTime, timeTitle } from '../lib/format-time';

export function PreciseTime({ iso, className = 'mono' }: { iso: string; className?: string }) {
  return (
    <time className={className} dateTime={iso} title={timeTitle(iso)}>
      {formatPreciseTime(iso)}
    </time>
  );
}
