import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/**
 * A save refused because someone else saved first: who and when (the
 * message), with the typed values still in the form. "Reload" puts their
 * version in the form; nothing is ever written over theirs unseen.
 */
export function EditConflictAlert({
  message,
  onReload,
  reloading,
}: {
  message: string;
  onReload: () => void;
  reloading: boolean;
}) {
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle aria-hidden />}
      title="Not saved"
      role="alert"
      data-testid="edit-conflict"
      mb="md"
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button size="xs" variant="light" color="orange" onClick={onReload} loading={reloading}>
          Reload
        </Button>
      </Group>
    </Alert>
  );
}
