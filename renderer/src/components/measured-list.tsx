/**
 * A scrolling list of variable-height rows where only the rows in view are drawn
 * (@tanstack/react-virtual, rows measured as they render), asking for more when the view nears
 * its end. Used by the History section and the activity feed.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

export interface MeasuredListProps<T> {
  items: readonly T[];
  keyOf: (item: T) => string | number;
  render: (item: T) => ReactNode;
  className: string;
  ariaLabel: string;
  /** a first guess of a row's height, in pixels, before it is measured */
  estimateSize: number;
  overscan: number;
  /** called when the last drawn row is within `nearEnd` rows of the end */
  onNearEnd?: () => void;
  nearEnd: number;
}

export function MeasuredList<T>(props: MeasuredListProps<T>) {
  const { items, keyOf, render, className, ariaLabel, estimateSize, overscan, onNearEnd, nearEnd } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // The console is not built with React Compiler (as in virtual-table.tsx).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    overscan,
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1];
  useEffect(() => {
    if (onNearEnd && last && last.index >= items.length - nearEnd) onNearEnd();
  }, [last, items.length, nearEnd, onNearEnd]);

  return (
    <div ref={scrollRef} className={className} role="list" aria-label={ariaLabel}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          return (
            <div
              key={keyOf(item)}
              role="listitem"
              data-index={row.index}
              ref={virtualizer.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${row.start}px)`,
              }}
            >
              {render(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
