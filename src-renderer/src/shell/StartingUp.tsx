import { Center, Container, Loader } from '@mantine/core';
import { LoadError } from './LoadError';

/**
 * What a start-up gate shows until it can decide: a spinner, or, when the
 * question it asked the host failed, why and Try again.
 */
export function StartingUp({
  failed,
  error,
  errorTitle,
  onRetry,
}: {
  failed: boolean;
  error: unknown;
  errorTitle: string;
  onRetry: () => void;
}) {
  if (failed) {
    return (
      <Container size="sm" py="xl">
        <LoadError title={errorTitle} error={error} onRetry={onRetry} />
      </Container>
    );
  }
  return (
    <Center h="100vh">
      <Loader aria-label="Opening your client list" />
    </Center>
  );
}
