import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DesktopSettings } from '../../../src-shared/contract';
import { api } from '../api';
import { useAppInfo } from '../api/settings';

const desktopKey = ['settings', 'desktop'] as const;

/** "Keep running in the tray" and "Launch at login": only the desktop app has a tray and login items. */
export function DesktopSettingsPanel() {
  const info = useAppInfo();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: desktopKey,
    queryFn: () => api['settings.desktop.get']({}),
    enabled: info.data?.host === 'electron',
  });
  const update = useMutation({
    mutationFn: (patch: Partial<DesktopSettings>) => api['settings.desktop.update'](patch),
    onSuccess: (saved) => queryClient.setQueryData(desktopKey, saved),
  });
  if (info.data?.host !== 'electron' || !settings.data) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="desktop-title">
      <Stack gap="sm">
        <Title order={4} id="desktop-title">
          On this computer
        </Title>
        <Switch
          label="Keep running in the tray when the window is closed"
          description="The nightly QuickBooks sync at 2:00 AM only runs while EquineOps is running. Quit from the tray icon."
          checked={settings.data.keepRunningInTray}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ keepRunningInTray: event.currentTarget.checked })}
        />
        <Switch
          label="Launch at login"
          description="Starts EquineOps in the tray when you sign in to this computer."
          checked={settings.data.launchAtLogin}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ launchAtLogin: event.currentTarget.checked })}
        />
        <Text size="xs" c="dimmed">
          If the computer is asleep or EquineOps is closed at 2:00 AM, the missed sync runs shortly
          after it starts or wakes.
        </Text>
      </Stack>
    </Paper>
  );
}
