import type { StoredCustomer } from './customer.js';

/**
 * One customer's JSON as UTF-8, kept on the row and rewritten by the store on
 * every change. Off the JS heap and already encoded, so a page is one copy of
 * a thousand of these, with no serializing, encoding or big-string garbage
 * per request.
 */
export function customerJson(row: StoredCustomer): Buffer {
  return (row.json ??= serialize(row));
}

export function serialize(row: StoredCustomer): Buffer {
  row.json = Buffer.from(JSON.stringify(row.data));
  return row.json;
}

// Big enough that a 100,000-customer company takes a dozen chunks.
const ARENA_BYTES = 8 * 1024 * 1024;

/**
 * Serializes a whole seeded company into a few large buffers, each row
 * keeping a view of its slice: 100,000 small buffers would each cost an
 * allocation and keep the garbage collector busy (seconds at that size).
 */
export function serializeAll(rows: readonly StoredCustomer[]): void {
  let arena = Buffer.allocUnsafeSlow(0);
  let at = 0;
  for (const row of rows) {
    const text = JSON.stringify(row.data);
    const size = Buffer.byteLength(text);
    if (at + size > arena.length) {
      arena = Buffer.allocUnsafeSlow(Math.max(ARENA_BYTES, size));
      at = 0;
    }
    arena.write(text, at);
    row.json = arena.subarray(at, at + size);
    at += size;
  }
}
