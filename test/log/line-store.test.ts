/**
 * The request log's line store: lines read back byte for byte (multi-byte UTF-8 included), a
 * chunk reused once all its lines are released oldest first, long lines in buffers of their own,
 * and memory held staying at the live lines plus a spare or two however many lines pass through.
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, LineStore, type StoredLine } from '../../server/log/line-store';

const line = (i: number, pad = 200) => JSON.stringify({ i, text: `é😀${'x'.repeat(pad)}` });

describe('LineStore', () => {
  it('reads back every kept line while older ones are released and their chunks reused', () => {
    const store = new LineStore();
    const kept: { text: string; at: StoredLine }[] = [];
    const window = 3000; // ~660 KB of lines live: a chunk or two
    for (let i = 0; i < 50_000; i++) {
      const text = line(i, i % 7 === 0 ? 1500 : 200);
      kept.push({ text, at: store.put(text) });
      if (kept.length > window) store.release((kept.shift() as { at: StoredLine }).at);
      if (i % 997 === 0) for (const k of kept.slice(-50)) expect(store.read(k.at)).toBe(k.text);
    }
    for (const k of kept) expect(store.read(k.at)).toBe(k.text);
    // 50,000 lines of ~250 B-1.7 KB (~18 MB) went through a window of ~1 MB: a few chunks, reused
    expect(store.chunksAllocated).toBeLessThanOrEqual(4);
    expect(store.chunksHeld).toBeLessThanOrEqual(3);
  });

  it('gives a line longer than a quarter chunk a buffer of its own, and clear() forgets everything', () => {
    const store = new LineStore();
    const small = store.put(line(1));
    const big = 'y'.repeat(CHUNK_BYTES / 2);
    const at = store.put(big);
    expect(store.read(at)).toBe(big);
    expect(store.read(small)).toBe(line(1));
    store.release(at);
    store.clear();
    expect(store.chunksHeld).toBe(0);
    const again = store.put(line(2));
    expect(store.read(again)).toBe(line(2));
  });
});
