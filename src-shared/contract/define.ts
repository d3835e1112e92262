import type { z } from 'zod';

/** One call of the contract: its input and its output, both zod schemas. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function call<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
): CallSpec<I, O> {
  return { input, output };
}
