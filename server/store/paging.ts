/**
 * Keyset positions for SCIM's index-based paging (RFC 7644 §3.4.2.4).
 *
 * SCIM pages by `startIndex`, but SQLite's OFFSET walks every skipped row: the last page of
 * 250k users costs 55 ms against 0.13 ms for a keyset page (docs/architecture.md), which makes Okta's
 * import walk (startIndex=1, 101, 201, …) quadratic. So when a page ends we remember the
 * sort key of its last row under (query, startIndex of the next page); the next request for
 * that position continues from the key instead of skipping rows.
 *
 * Only queries in creation order (`seq`, the default and what Okta uses) are keyed; sorted
 * queries fall back to OFFSET. A remembered position stays valid while nothing can have
 * shifted the rows before it: without a filter only deletions shift positions (new rows land
 * at the end), so those entries check the delete generation; filtered queries check the
 * write generation of their resource type (an update can move a row in or out of the set).
 */
export interface Generations {
  /** bumped by every write to the resource type */
  write: number;
  /** bumped by every deletion (and undeletion) of the resource type */
  remove: number;
}

interface Position {
  /** seq of the last row of the previous page */
  seq: number;
  generation: number;
}

const MAX_ENTRIES = 2048;

export class PositionCache {
  private readonly entries = new Map<string, Position>();

  get(query: string, startIndex: number, unfiltered: boolean, gens: Generations): Position | undefined {
    const k = `${query}\u0000${startIndex}`;
    const p = this.entries.get(k);
    if (!p) return undefined;
    const current = unfiltered ? gens.remove : gens.write;
    if (p.generation !== current) {
      this.entries.delete(k);
      return undefined;
    }
    return p;
  }

  set(query: string, startIndex: number, unfiltered: boolean, gens: Generations, seq: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest quarter.
      let n = MAX_ENTRIES / 4;
      for (const key of this.entries.keys()) {
        this.entries.delete(key);
        if (--n <= 0) break;
      }
    }
    this.entries.set(`${query}\u0000${startIndex}`, {
      seq,
      generation: unfiltered ? gens.remove : gens.write,
    });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Cached totals per query, valid for one write generation. */
export class CountCache {
  private readonly entries = new Map<string, { n: number; generation: number }>();

  get(query: string, generation: number): number | undefined {
    const e = this.entries.get(query);
    return e && e.generation === generation ? e.n : undefined;
  }

  set(query: string, generation: number, n: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(query, { n, generation });
  }
}
