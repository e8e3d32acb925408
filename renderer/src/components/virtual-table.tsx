/**
 * A table that renders only the rows in view (@tanstack/react-virtual), so a list of 100,000
 * users costs the same to draw as a list of 30. Rows the server has not sent yet show as
 * placeholders; `onRange` tells the owner which rows are wanted.
 *
 * Keyboard: the body is one tab stop; arrow keys, Page Up/Down, Home and End move between
 * rows (scrolling as needed) and Enter opens the focused row (WAI-ARIA APG, "Grid" pattern,
 * simplified to row focus).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { EmulatorMark } from './emulator-mark';

/** One column: header, CSS grid width, cell renderer, optional server-side sort key. */
export interface Column<T> {
  key: string;
  header: string;
  /** a CSS grid track size, e.g. `2fr` or `160px` */
  width: string;
  render(row: T): ReactNode;
  sortKey?: string;
  /** not in Netskope's UI: marked as an emulator addition */
  emulator?: boolean;
}

export interface SortState {
  by: string;
  order: 'ascending' | 'descending';
}

interface VirtualTableProps<T> {
  label: string;
  columns: Column<T>[];
  rowCount: number;
  rowAt(index: number): T | undefined;
  rowKey(row: T): string;
  /** rows to have ready (visible plus overscan), then the rows actually visible */
  onRange?(first: number, last: number, visibleFirst: number, visibleLast: number): void;
  onOpen?(row: T): void;
  sort?: SortState;
  onSort?(key: string): void;
  selectedKey?: string | null;
  rowHeight?: number;
  /** shown instead of the body when rowCount is 0 */
  empty?: ReactNode;
  /**
   * Rows arrive at the top (the live log): once scrolled down, keep the rows being read in
   * place instead of letting each new row push them down.
   */
  keepPosition?: boolean;
}

/** The virtualised table. */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { columns, rowCount, rowAt, rowKey, onRange, onOpen, sort, onSort, selectedKey } = props;
  const rowHeight = props.rowHeight ?? 36;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const anchor = useRef<{ key: string; index: number } | null>(null);
  const grid = columns.map((c) => c.width).join(' ');

  // The console is not built with React Compiler, and the virtualizer never leaves this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  const visibleFirst = virtualizer.range?.startIndex ?? first;
  const visibleLast = virtualizer.range?.endIndex ?? last;

  useEffect(() => {
    if (rowCount > 0) onRange?.(first, last, visibleFirst, visibleLast);
  }, [first, last, visibleFirst, visibleLast, rowCount, onRange]);

  // After keyboard moves, focus the row once it is rendered.
  useEffect(() => {
    if (focusIndex === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`);
    el?.focus({ preventScroll: true });
  }, [focusIndex, first, last]);

  // After each render: if the row that was at the top of the view moved down (rows were
  // prepended), scroll by as much so it stays put; then remember the row now at the top.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!props.keepPosition || !el) return;
    const a = anchor.current;
    if (a && el.scrollTop > 0) {
      for (let i = a.index; i < Math.min(rowCount, a.index + 1000); i++) {
        const row = rowAt(i);
        if (row && rowKey(row) === a.key) {
          if (i !== a.index) el.scrollTop += (i - a.index) * rowHeight;
          break;
        }
      }
    }
    const top = Math.floor(el.scrollTop / rowHeight);
    const row = rowAt(top);
    anchor.current = row ? { key: rowKey(row), index: top } : null;
  });

  const move = (to: number) => {
    const index = Math.max(0, Math.min(rowCount - 1, to));
    virtualizer.scrollToIndex(index, { align: 'auto' });
    setFocusIndex(index);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rowCount === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const at = focusIndex ?? first - 1;
    const keys: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: rowCount - 1,
    };
    const to = keys[e.key];
    if (to !== undefined) {
      e.preventDefault();
      move(to);
    } else if (e.key === 'Enter' && focusIndex !== null) {
      const row = rowAt(focusIndex);
      if (row && onOpen) {
        e.preventDefault();
        onOpen(row);
      }
    }
  };

  return (
    <div className="vtable" role="table" aria-label={props.label} aria-rowcount={rowCount + 1}>
      <div className="vtable-head" role="rowgroup">
        <div
          className="vtable-row vtable-header"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: grid }}
        >
          {columns.map((c) => {
            const sorted = sort && c.sortKey && sort.by === c.sortKey ? sort.order : undefined;
            return (
              <div
                key={c.key}
                role="columnheader"
                className="vtable-cell"
                aria-sort={sorted ?? (c.sortKey ? 'none' : undefined)}
              >
                {c.sortKey && onSort ? (
                  <button type="button" className="sort-button" onClick={() => onSort(c.sortKey ?? c.key)}>
                    {c.header}
                    <span aria-hidden="true" className="sort-arrow">
                      {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                ) : (
                  c.header
                )}
                {c.emulator && <EmulatorMark />}
              </div>
            );
          })}
        </div>
      </div>
      {rowCount === 0 ? (
        <div className="vtable-empty">{props.empty}</div>
      ) : (
        <div
          ref={scrollRef}
          className="vtable-body"
          role="rowgroup"
          tabIndex={0}
          aria-label={`${props.label}: use the arrow keys to move between rows and Enter to open one`}
          onKeyDown={onKeyDown}
        >
          <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              const key = row ? rowKey(row) : null;
              const classes = ['vtable-row'];
              if (key !== null && key === selectedKey) classes.push('selected');
              if (!row) classes.push('placeholder');
              return (
                <div
                  key={item.index}
                  role="row"
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  aria-selected={key !== null && key === selectedKey}
                  tabIndex={-1}
                  className={classes.join(' ')}
                  style={{
                    gridTemplateColumns: grid,
                    height: item.size,
                    transform: `translateY(${item.start}px)`,
                  }}
                  onClick={() => {
                    setFocusIndex(item.index);
                    if (row) onOpen?.(row);
                  }}
                  onFocus={() => setFocusIndex(item.index)}
                >
                  {columns.map((c) => (
                    <div key={c.key} role="cell" className="vtable-cell">
                      {row ? c.render(row) : <span className="skeleton" aria-label="Loading" />}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
