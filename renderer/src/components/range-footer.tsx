/** Netskope's pager text "1-6 of 6" (docs/netskope.md §15), for the rows in view. */
export function RangeFooter({
  first,
  last,
  total,
  loading,
  noun,
}: {
  first: number;
  last: number;
  total: number | null;
  loading: boolean;
  noun: string;
}) {
  const text =
    total === null
      ? `Loading ${noun}…`
      : total === 0
        ? `0 ${noun}`
        : `${(first + 1).toLocaleString()}-${Math.min(last + 1, total).toLocaleString()} of ${total.toLocaleString()}`;
  return (
    <div className="table-foot">
      <span role="status" data-testid="range">
        {text}
      </span>
      {loading && total !== null && <span className="muted">Loading rows…</span>}
    </div>
  );
}
