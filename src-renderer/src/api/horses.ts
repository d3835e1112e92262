import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../src-shared/contract';
import { api } from './index';
import { invalidateTables } from './invalidation';
import { queryKeys } from './query-keys';

export function useHorseSearch(search: string) {
  return useQuery({
    queryKey: queryKeys.horseSearch(search),
    queryFn: () => api['horses.list']({ search }),
  });
}

/** Links an existing horse, or creates one first when `newHorse` is given. */
export function useLinkHorse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      clientId: number;
      role: string;
      horseId?: number;
      newHorse?: MethodInput<'horses.create'>;
    }) => {
      const horseId = input.newHorse
        ? (await api['horses.create'](input.newHorse)).id
        : input.horseId;
      if (horseId === undefined) throw new Error('Choose a horse to link');
      return api['horses.link']({ clientId: input.clientId, horseId, role: input.role });
    },
    onSuccess: () => invalidateTables(queryClient, ['horses', 'activity']),
  });
}

export function useUnlinkHorse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'horses.unlink'>) => api['horses.unlink'](input),
    onSuccess: () => invalidateTables(queryClient, ['horses', 'activity']),
  });
}
