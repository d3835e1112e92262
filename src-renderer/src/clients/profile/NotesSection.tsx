import { useRef, useState, type FormEvent } from 'react';
import { ActionIcon, Button, Group, Paper, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import type { StaffNote } from '../../../../src-shared/contract';
import { readableMessage } from '../../api';
import { useAddNote, useDeleteNote, useRestoreNote } from '../../api/clients';
import { useOrganizationTimeZone } from '../../api/settings';
import { formatDateTime } from '../../format/time';
import { CopiedFromLabel } from '../../duplicates/CopiedFromLabel';
import { useFocusFallback } from '../../shell/focus-fallback';
import { showNoteDeletedToast } from './note-deleted-toast';
import { useUnsavedChanges } from '../../unsaved-changes/unsaved-changes';
import { ProfileSection } from './ProfileSection';

export function NotesSection({ clientId, notes }: { clientId: number; notes: StaffNote[] }) {
  const timeZone = useOrganizationTimeZone();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  useUnsavedChanges(body.trim() !== '');
  const add = useAddNote();
  const remove = useDeleteNote();
  const restore = useRestoreNote();
  // The deleted note's button goes with it: a keyboard user lands on the new-note box.
  const newNoteRef = useRef<HTMLTextAreaElement>(null);
  const armFocusFallback = useFocusFallback(newNoteRef);
  const newestFirst = [...notes].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim() === '') {
      setError('A note cannot be empty');
      return;
    }
    setError(null);
    add.mutate({ clientId, body }, { onSuccess: () => setBody('') });
  }

  // No "are you sure?": the delete can be undone from the toast or the Activity for NOTE_UNDO_DAYS.
  function deleteNote(note: StaffNote) {
    remove.mutate(note.id, {
      onSuccess: (deleted) => {
        armFocusFallback();
        showNoteDeletedToast(deleted, formatDateTime(deleted.restorableUntil, timeZone), (id) =>
          restore.mutateAsync(id),
        );
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'The note was not deleted',
          message: readableMessage(error),
        }),
    });
  }

  return (
    <ProfileSection title="Staff notes" testId="notes-section">
      <form onSubmit={submit} noValidate>
        <Textarea
          ref={newNoteRef}
          label="New staff note"
          description="Only staff see these notes; they never go to QuickBooks."
          autosize
          minRows={2}
          maxRows={8}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end" mt="xs">
          <Button type="submit" size="xs" loading={add.isPending}>
            Add note
          </Button>
        </Group>
      </form>
      <Stack gap="xs" mt="sm">
        {newestFirst.map((note) => (
          <Paper key={note.id} withBorder p="xs" data-testid="staff-note">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {note.body}
              </Text>
              <Tooltip label="Delete note">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label="Delete note"
                  loading={remove.isPending && remove.variables === note.id}
                  onClick={() => deleteNote(note)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {note.author} · {formatDateTime(note.createdAt, timeZone)}
              {note.copiedFromClientId !== null && (
                <>
                  {' · '}
                  <CopiedFromLabel clientId={note.copiedFromClientId} />
                </>
              )}
            </Text>
          </Paper>
        ))}
      </Stack>
    </ProfileSection>
  );
}
