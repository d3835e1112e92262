import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { readableMessage } from '../api';

interface LoadErrorProps {
  /** "Clients could not be loaded", "Client not found", … */
  title: string;
  error: unknown;
  onRetry: () => void;
}

/** A read that failed: what, why (the host's sentence for office staff), and Retry. */
export function LoadError({ title, error, onRetry }: LoadErrorProps) {
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{readableMessage(error)}</Text>
        <Button size="xs" variant="white" color="red" onClick={onRetry}>
          Retry
        </Button>
      </Stack>
    </Alert>
  );
}
