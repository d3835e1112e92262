import { useSyncExternalStore } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { answerDiscard, answerStay, pendingLeave, subscribePendingLeave } from './unsaved-changes';

/** "Discard changes?" — Stay keeps the edits; Discard leaves without them. Mounted once. */
export function UnsavedChangesPrompt() {
  const pending = useSyncExternalStore(subscribePendingLeave, pendingLeave);
  return (
    <Modal
      opened={pending !== null}
      onClose={answerStay}
      title="Discard changes?"
      centered
      zIndex={400}
      data-testid="unsaved-changes-prompt"
    >
      <Text size="sm">You have changes that are not saved. Leaving now throws them away.</Text>
      <Group justify="flex-end" mt="lg">
        <Button onClick={answerStay} data-autofocus>
          Stay
        </Button>
        <Button color="red" variant="light" onClick={answerDiscard}>
          Discard
        </Button>
      </Group>
    </Modal>
  );
}
