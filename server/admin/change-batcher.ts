/**
 * Gathers the ids of changed users (or groups) for a short while, then reads them once and
 * sends one event with the rows as the console's lists show them (docs/live-updates.md). This
 * is the only coalescing timer between a SCIM write and the console: the console patches what
 * it receives at once.
 *
 * Rows are read when the batch is sent, not when the write happened, so an event always
 * carries the latest state; a row written twice in one batch is sent once.
 */

/** How long changes are gathered before one event goes out. */
export const BATCH_MS = 100;
/** Rows carried per event; beyond this the event says `overflow` and the console refetches. */
export const MAX_ROWS = 500;

export interface RowsRead<Row> {
  rows: Row[];
  /** ids asked for that are not in the store at all */
  removed: string[];
}

export interface ChangeBatcherOptions<Row> {
  /** reads the rows of these ids (deleted ones included) in one store read */
  read(ids: readonly string[]): RowsRead<Row>;
  /** sends one event */
  send(change: { rows: Row[]; removed: string[]; overflow: boolean }): void;
  /** false while nobody listens: the batch is dropped unread */
  wanted(): boolean;
  batchMs?: number;
  maxRows?: number;
}

export class ChangeBatcher<Row> {
  private ids = new Set<string>();
  private overflow = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ChangeBatcherOptions<Row>) {}

  add(ids: readonly string[]): void {
    const max = this.options.maxRows ?? MAX_ROWS;
    for (const id of ids) {
      if (this.ids.size >= max) {
        this.overflow = true;
        break;
      }
      this.ids.add(id);
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.batchMs ?? BATCH_MS);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.ids];
    const overflow = this.overflow;
    this.ids = new Set();
    this.overflow = false;
    if (!ids.length || !this.options.wanted()) return;
    if (overflow) return this.options.send({ rows: [], removed: [], overflow: true });
    let read: RowsRead<Row>;
    try {
      read = this.options.read(ids);
    } catch {
      // The store cannot be read (it reports its own health): let the console refetch, which
      // shows the store's error where the rows would be.
      return this.options.send({ rows: [], removed: [], overflow: true });
    }
    this.options.send({ rows: read.rows, removed: read.removed, overflow: false });
  }
}
