import { useCallback, useState } from 'react';

/**
 * The rows in view, reported by a VirtualTable, forwarded to a paged store's `ensureRange`.
 * Returns a stable callback so the table's effect does not rerun on every render.
 */
export function useRange(ensure?: (first: number, last: number) => void) {
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const onRange = useCallback(
    (first: number, last: number, visibleFirst = first, visibleLast = last) => {
      setRange([visibleFirst, visibleLast]);
      ensure?.(first, last);
    },
    [ensure],
  );
  return { first: range[0], last: range[1], onRange };
}
