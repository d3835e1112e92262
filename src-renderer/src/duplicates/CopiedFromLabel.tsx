import { useClient } from '../api/clients';

/** "Copied from <name>" on a staff note a merge copied; the name is read from the source client. */
export function CopiedFromLabel({ clientId }: { clientId: number }) {
  const source = useClient(clientId);
  return <>Copied from {source.data?.client.displayName ?? 'a merged client'}</>;
}
