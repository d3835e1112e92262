import type { Method, MethodOutput, ParsedInput } from '../../src-shared/contract';
import { methods } from '../../src-shared/contract';

export type Handler<M extends Method> = (
  input: ParsedInput<M>,
) => Promise<MethodOutput<M>> | MethodOutput<M>;

export type Handlers = { [M in Method]: Handler<M> };
export type HandlerGroup = Partial<Handlers>;

/**
 * Joins the handler groups each feature registers. A method claimed twice or
 * left without a handler is a programming error caught at start-up (and in tests).
 */
export function mergeHandlers(...groups: HandlerGroup[]): Handlers {
  const merged: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [method, handler] of Object.entries(group)) {
      if (method in merged) throw new Error(`Two handlers registered for ${method}`);
      merged[method] = handler;
    }
  }
  const missing = methods.filter((m) => typeof merged[m] !== 'function');
  if (missing.length > 0) throw new Error(`No handler for: ${missing.join(', ')}`);
  return merged as Handlers;
}
