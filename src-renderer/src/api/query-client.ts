import { MutationCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { readableMessage } from './api-error';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /**
       * The title of the failure toast ("Not saved" when unset), or false where the
       * screen itself shows the error: one failure, one message.
       */
      errorToast?: string | false;
    };
  }
}

/** Every failed write shows its staff-readable message as a red toast, once. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
    },
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        const title = mutation.meta?.errorToast;
        if (title === false) return;
        notifications.show({
          color: 'red',
          title: title ?? 'Not saved',
          message: readableMessage(error),
        });
      },
    }),
  });
}
