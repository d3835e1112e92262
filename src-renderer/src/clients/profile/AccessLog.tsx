import { Button, Skeleton, Stack, Table, Text } from '@mantine/core';
import { readableMessage } from '../../api';
import { useAccessLog } from '../../api/documents';
import { useOrganizationTimeZone } from '../../api/settings';
import { formatDateTime } from '../../format/time';
import { ProfileSection } from './ProfileSection';

/** Who opened this profile or its documents, and who exported its data. */
export function AccessLog({ clientId }: { clientId: number }) {
  const timeZone = useOrganizationTimeZone();
  const access = useAccessLog(clientId);
  return (
    <ProfileSection title="Access" testId="access-section">
      <Text size="sm" c="dimmed" mb="xs">
        Who opened this profile or its documents and who exported its data. Entries are kept as long
        as Settings → Data says.
      </Text>
      {access.isPending ? (
        <Stack gap={6} aria-busy>
          <Skeleton height={20} />
          <Skeleton height={20} />
        </Stack>
      ) : access.isError ? (
        <Stack gap="xs" align="flex-start" role="alert">
          <Text size="sm" c="red">
            The access log could not be loaded: {readableMessage(access.error)}
          </Text>
          <Button size="xs" variant="light" onClick={() => void access.refetch()}>
            Try again
          </Button>
        </Stack>
      ) : access.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has opened this client yet.
        </Text>
      ) : (
        <Table striped withTableBorder fz="sm" data-testid="access-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {access.data.map((entry) => (
              <Table.Tr key={entry.id} data-testid="access-entry" data-action={entry.action}>
                <Table.Td>{formatDateTime(entry.at, timeZone)}</Table.Td>
                <Table.Td>{entry.actor}</Table.Td>
                <Table.Td>{entry.summary}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </ProfileSection>
  );
}
