import { MutationCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { readableMessage } from './api-error';

/** Every failed write shows its staff-readable message as a red toast. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
    },
    mutationCache: new MutationCache({
      onError: (error) => {
        notifications.show({
          color: 'red',
          title: 'Not saved',
          message: readableMessage(error),
        });
      },
    }),
  });
}
