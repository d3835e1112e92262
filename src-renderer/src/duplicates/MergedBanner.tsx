import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconArrowMerge } from '@tabler/icons-react';
import type { Client } from '../../../src-shared/contract';
import { useMergeHistory } from '../api/duplicates';
import { useOrganizationTimeZone } from '../api/settings';
import { formatDateTime } from '../format/time';
import { routeHref } from '../routing/hash-route';
import { UndoMergeButton } from './MergeHistory';

/** On a client archived by a merge: where it went, and "Undo merge". */
export function MergedBanner({ client }: { client: Client }) {
  const history = useMergeHistory(client.id);
  const timeZone = useOrganizationTimeZone();
  const merge = history.data?.find((m) => m.archivedClientId === client.id && m.undoneAt === null);
  if (!merge) return null;
  return (
    <Alert
      color="grape"
      variant="light"
      icon={<IconArrowMerge aria-hidden />}
      title="Archived by a merge"
      data-testid="merged-banner"
    >
      <Group justify="space-between">
        <Text size="sm">
          Merged into{' '}
          <Anchor href={routeHref({ page: 'client', id: merge.keptClientId })}>
            {merge.keptClientName}
          </Anchor>{' '}
          on {formatDateTime(merge.mergedAt, timeZone)} by {merge.mergedBy}. It is kept, with its
          history; undo the merge to bring it back.
        </Text>
        <UndoMergeButton merge={merge} />
      </Group>
    </Alert>
  );
}
