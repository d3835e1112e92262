import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLink, IconUnlink } from '@tabler/icons-react';
import type { HorseLink } from '../../../../src-shared/contract';
import { useUnlinkHorse } from '../../api/horses';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { LinkHorseModal } from './LinkHorseModal';
import { ProfileSection } from './ProfileSection';

export function HorsesSection({ clientId, horses }: { clientId: number; horses: HorseLink[] }) {
  const [linking, setLinking] = useState(false);
  const [unlinking, setUnlinking] = useState<HorseLink | null>(null);
  const unlink = useUnlinkHorse();

  return (
    <ProfileSection
      title="Horses"
      testId="horses-section"
      actions={
        <Button
          size="xs"
          variant="light"
          leftSection={<IconLink size={14} aria-hidden />}
          onClick={() => setLinking(true)}
        >
          Link horse
        </Button>
      }
    >
      {horses.length === 0 ? (
        <Text size="sm" c="dimmed">
          No horses linked yet.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {horses.map((horse) => (
            <Group
              key={horse.id}
              component="li"
              justify="space-between"
              wrap="nowrap"
              data-testid="horse-link"
            >
              <div>
                <Group gap={6}>
                  <Text fw={600} size="sm">
                    {horse.name}
                  </Text>
                  <Badge size="sm" variant="light">
                    {horse.role}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {[horse.breed, horse.color, horse.birthYear && `born ${horse.birthYear}`]
                    .filter(Boolean)
                    .join(' · ') || 'No details'}
                </Text>
              </div>
              <Tooltip label={`Unlink ${horse.name}`}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Unlink ${horse.name}`}
                  onClick={() => setUnlinking(horse)}
                >
                  <IconUnlink size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
        </Stack>
      )}
      <LinkHorseModal
        clientId={clientId}
        opened={linking}
        onClose={() => setLinking(false)}
        linkedIds={horses.map((h) => h.id)}
      />
      <ConfirmDialog
        opened={unlinking !== null}
        title={`Unlink ${unlinking?.name ?? 'horse'}?`}
        confirmLabel="Unlink"
        loading={unlink.isPending}
        onCancel={() => setUnlinking(null)}
        onConfirm={() =>
          unlinking &&
          unlink.mutate(
            { clientId, horseId: unlinking.id },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: `${unlinking.name} unlinked` });
                setUnlinking(null);
              },
            },
          )
        }
      >
        The horse stays in EquineOps and keeps its other owners; only its link to this client is
        removed.
      </ConfirmDialog>
    </ProfileSection>
  );
}
