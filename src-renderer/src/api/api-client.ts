import { methods, type Api, type Method, type Transport } from '../../../src-shared/contract';
import { ApiError } from './api-error';

/** One async function per contract call: resolves with the value or throws an ApiError. */
export function createApi(transport: Transport): Api {
  const entries = methods.map((method: Method) => [
    method,
    async (input: unknown) => {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
  ]);
  return Object.fromEntries(entries) as Api;
}
