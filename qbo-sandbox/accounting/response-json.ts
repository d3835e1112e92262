import type { DeletedCustomer, StoredCustomer } from '../company/customer.js';
import { customerJson } from '../company/customer-json.js';

const COMMA = Buffer.from(',');

/** `[a,b,…]` from cached customer JSON (deleted stubs are small and serialized here). */
function customersJson(items: readonly (StoredCustomer | DeletedCustomer)[]): Buffer[] {
  const parts: Buffer[] = [Buffer.from('[')];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push('data' in item ? customerJson(item) : Buffer.from(JSON.stringify(item)));
  });
  parts.push(Buffer.from(']'));
  return parts;
}

/**
 * A query answer's body, byte for byte what `JSON.stringify` writes for
 * `{QueryResponse:{Customer,startPosition,maxResults},time}` (or
 * `{QueryResponse:{},time}` when empty), built from cached customer JSON.
 */
export function queryResponseJson(
  rows: readonly StoredCustomer[],
  startPosition: number,
  time: string,
): Buffer {
  const tail = Buffer.from(`,"time":${JSON.stringify(time)}}`);
  if (rows.length === 0) return Buffer.concat([Buffer.from('{"QueryResponse":{}'), tail]);
  return Buffer.concat([
    Buffer.from('{"QueryResponse":{"Customer":'),
    ...customersJson(rows),
    Buffer.from(`,"startPosition":${startPosition},"maxResults":${rows.length}}`),
    tail,
  ]);
}

/** A CDC answer's body: one QueryResponse per asked entity, `{}` when it has no changes. */
export function cdcResponseJson(
  perEntity: readonly (readonly (StoredCustomer | DeletedCustomer)[])[],
  time: string,
): Buffer {
  const parts: Buffer[] = [Buffer.from('{"CDCResponse":[{"QueryResponse":[')];
  perEntity.forEach((items, i) => {
    if (i > 0) parts.push(COMMA);
    if (items.length === 0) parts.push(Buffer.from('{}'));
    else
      parts.push(
        Buffer.from('{"Customer":'),
        ...customersJson(items),
        Buffer.from(`,"startPosition":1,"maxResults":${items.length}}`),
      );
  });
  parts.push(Buffer.from(`]}],"time":${JSON.stringify(time)}}`));
  return Buffer.concat(parts);
}
