import type { SortState } from '../components/virtual-table';

/** Clicking a sorted column flips its order; clicking another sorts it ascending. */
export function nextSort(current: SortState, key: string): SortState {
  if (current.by === key)
    return { by: key, order: current.order === 'ascending' ? 'descending' : 'ascending' };
  return { by: key, order: 'ascending' };
}
