import type { ReactNode } from 'react';
import { Center, Container, Loader } from '@mantine/core';
import { useAppStatus } from '../api/backups';
import { LoadError } from '../shell/LoadError';
import { RecoveryScreen } from './RecoveryScreen';

/** The app once its data file is open; the recovery screen when it could not be opened at start. */
export function StartUpGate({ children }: { children: ReactNode }) {
  const status = useAppStatus();
  if (status.data?.state === 'ready') return children;
  if (status.data?.state === 'recovery') return <RecoveryScreen status={status.data} />;
  if (status.isError) {
    return (
      <Container size="sm" py="xl">
        <LoadError
          title="EquineOps is not answering"
          error={status.error}
          onRetry={() => void status.refetch()}
        />
      </Container>
    );
  }
  return (
    <Center h="100vh">
      <Loader aria-label="Opening your client list" />
    </Center>
  );
}
