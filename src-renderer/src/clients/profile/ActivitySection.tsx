import type { ReactNode } from 'react';
import { Anchor, Button, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconFileImport, IconRefresh, IconUser } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import {
  NOTE_UNDO_DAYS,
  type ClientHistoryEntry,
  type DeletedNote,
} from '../../../../src-shared/contract';
import { readableMessage } from '../../api';
import { useRestoreNote } from '../../api/clients';
import { useOrganizationTimeZone } from '../../api/settings';
import { formatDateTime } from '../../format/time';
import { routeHref } from '../../routing/hash-route';
import { ProfileSection } from './ProfileSection';

export function ActivitySection({
  activity,
  deletedNotes,
}: {
  /** Staff, sync and import lines, newest first as the core sends them. */
  activity: ClientHistoryEntry[];
  deletedNotes: DeletedNote[];
}) {
  const timeZone = useOrganizationTimeZone();
  return (
    <ProfileSection title="Activity" testId="activity-section">
      {deletedNotes.length > 0 && <DeletedNotes notes={deletedNotes} timeZone={timeZone} />}
      {activity.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened to this client yet.
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2}>
          {activity.map((entry) => (
            <Timeline.Item
              key={entry.key}
              title={entry.summary}
              data-testid="activity-entry"
              data-source={entry.source}
              bullet={sourceIcon[entry.source]}
            >
              <Text size="xs" c="dimmed">
                {entry.actor} · {formatDateTime(entry.at, timeZone)}
                {entry.syncRunId !== null && (
                  <>
                    {' · '}
                    {/* Several lines can link to runs: the time tells them apart for screen readers. */}
                    <Anchor
                      href={routeHref({ page: 'sync-run', id: entry.syncRunId })}
                      inherit
                      aria-label={`View sync run of ${formatDateTime(entry.at, timeZone)}`}
                    >
                      View sync run
                    </Anchor>
                  </>
                )}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </ProfileSection>
  );
}

/** Who made the line, at a glance: staff, the QuickBooks sync, or an import. */
const sourceIcon: Record<ClientHistoryEntry['source'], ReactNode> = {
  staff: <IconUser size={10} aria-hidden />,
  sync: <IconRefresh size={10} aria-hidden />,
  import: <IconFileImport size={10} aria-hidden />,
};

/** Notes deleted in the last NOTE_UNDO_DAYS days, each with "Restore"; older ones are purged. */
function DeletedNotes({ notes, timeZone }: { notes: DeletedNote[]; timeZone: string }) {
  const restore = useRestoreNote();
  return (
    <Stack gap="xs" mb="md" component="section" aria-labelledby="deleted-notes-title">
      <Title order={3} size="h6" id="deleted-notes-title">
        Deleted notes (kept {NOTE_UNDO_DAYS} days)
      </Title>
      {notes.map((note) => (
        <Paper key={note.id} withBorder p="xs" data-testid="deleted-note">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="sm" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
              {note.body}
            </Text>
            <Button
              size="xs"
              variant="light"
              loading={restore.isPending && restore.variables === note.id}
              aria-label={`Restore the note by ${note.author}`}
              onClick={() =>
                restore.mutate(note.id, {
                  onSuccess: () => notifications.show({ color: 'teal', message: 'Note restored.' }),
                  onError: (error) =>
                    notifications.show({
                      color: 'red',
                      title: 'The note was not restored',
                      message: readableMessage(error),
                    }),
                })
              }
            >
              Restore
            </Button>
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            By {note.author} · deleted by {note.deletedBy}{' '}
            {formatDateTime(note.deletedAt, timeZone)} · restorable until{' '}
            {formatDateTime(note.restorableUntil, timeZone)}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
