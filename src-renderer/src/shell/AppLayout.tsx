import { AppShell, Group, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHorse } from '@tabler/icons-react';
import { useSettings } from '../api/settings';
import { useRoute } from '../routing/hash-route';
import { NavMenu } from './NavMenu';
import { CurrentPage } from './CurrentPage';
import { DatabaseBanner } from './DatabaseBanner';
import { ShellSyncIndicator } from '../sync/ShellSyncIndicator';

export function AppLayout() {
  const route = useRoute();
  const settings = useSettings();

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <ThemeIcon size="lg" radius="md" variant="filled" aria-hidden>
              <IconHorse size={20} />
            </ThemeIcon>
            <Title order={1} size="h4" data-testid="org-name">
              {settings.data?.organizationName ?? 'EquineOps'}
            </Title>
          </Group>
          <Group gap="md">
            <ShellSyncIndicator />
            <Text size="sm" c="dimmed">
              Client Sync
            </Text>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <NavMenu route={route} />
      </AppShell.Navbar>
      <AppShell.Main>
        <DatabaseBanner />
        <CurrentPage route={route} />
      </AppShell.Main>
    </AppShell>
  );
}
