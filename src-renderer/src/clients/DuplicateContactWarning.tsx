import { Alert, Anchor, Button, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ContactMatch } from '../../../src-shared/contract';

/** "Sunny Acres in QuickBooks has this email", "Jo Smith (a custom client) has this phone number". */
export function describeContactMatch(match: ContactMatch): string {
  const who =
    match.source === 'quickbooks'
      ? `${match.displayName} in QuickBooks`
      : `${match.displayName} (a custom client)`;
  const what = match.field === 'email' ? 'this email' : 'this phone number';
  return `${who}${match.active ? '' : ', inactive,'} has ${what}`;
}

interface DuplicateContactWarningProps {
  matches: ContactMatch[];
  onOpen: (match: ContactMatch) => void;
  onCreateAnyway: () => void;
  creating: boolean;
}

/** Shown in New client while its email or phone belongs to someone here already; never blocks. */
export function DuplicateContactWarning({
  matches,
  onOpen,
  onCreateAnyway,
  creating,
}: DuplicateContactWarningProps) {
  const [first] = matches;
  if (!first) return null;
  return (
    <Alert
      color="yellow"
      icon={<IconAlertTriangle aria-hidden />}
      title={
        matches.length === 1
          ? describeContactMatch(first)
          : `${matches.length} clients here have this email or phone`
      }
      data-testid="duplicate-contact-warning"
      role="alert"
    >
      {matches.length > 1 && (
        <List size="sm" mb="xs">
          {matches.map((m) => (
            <List.Item key={m.id}>
              <Anchor component="button" type="button" onClick={() => onOpen(m)}>
                {describeContactMatch(m)}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                ({m.value})
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      <Text size="sm" mb="xs">
        Open the existing client to add horses or notes there, or create a second client if this is
        really someone else.
      </Text>
      <Group gap="xs">
        {matches.length === 1 && (
          <Button size="xs" variant="filled" color="yellow" onClick={() => onOpen(first)}>
            Open {first.displayName}
          </Button>
        )}
        <Button size="xs" variant="default" onClick={onCreateAnyway} loading={creating}>
          Create anyway
        </Button>
      </Group>
    </Alert>
  );
}
