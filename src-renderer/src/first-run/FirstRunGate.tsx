import type { ReactNode } from 'react';
import { Center, Container, Loader } from '@mantine/core';
import { useSetupStatus } from '../api/settings';
import { LoadError } from '../shell/LoadError';
import { UnsavedChangesPrompt } from '../unsaved-changes/UnsavedChangesPrompt';
import { FirstRunSetup } from './FirstRunSetup';

/** The app once it knows whose barn it is (with the one "Discard changes?" prompt); the first-run setup until then. */
export function FirstRunGate({ children }: { children: ReactNode }) {
  const status = useSetupStatus();
  if (status.data?.needed === false)
    return (
      <>
        {children}
        <UnsavedChangesPrompt />
      </>
    );
  if (status.data?.needed === true) return <FirstRunSetup status={status.data} />;
  if (status.isError) {
    return (
      <Container size="sm" py="xl">
        <LoadError
          title="EquineOps could not read its settings"
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
