import { useState } from 'react';
import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertCircle, IconLifebuoy } from '@tabler/icons-react';
import type { DiagnosticsBundle } from '../../../src-shared/contract';
import { api, readableMessage } from '../api';
import { useAppInfo } from '../api/settings';

/**
 * "Save diagnostics…": the support bundle (the app log with secrets removed,
 * versions, settings without secrets, the last 20 sync runs and a database
 * check) as a zip, ready to attach to an email to support. The desktop app
 * asks where to save it (as Help → Save diagnostics… does); a browser downloads it.
 */
export function DiagnosticsPanel() {
  const desktop = useAppInfo().data?.host === 'electron';
  const [saved, setSaved] = useState<string | null>(null);
  const bundle = useMutation({
    mutationFn: async (): Promise<string | null> => {
      if (desktop) {
        const { path } = await api['diagnostics.save']({});
        return path && `Saved to ${path}.`;
      }
      const result = await api['diagnostics.bundle']({});
      download(result);
      return `Saved ${result.fileName} to your downloads.`;
    },
    onSuccess: setSaved,
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="diagnostics-title">
      <Stack gap="xs" align="flex-start">
        <Title order={3} size="h4" id="diagnostics-title">
          Diagnostics for support
        </Title>
        <Text size="sm">
          If support asks for diagnostics, save this file and attach it to your email. It holds the
          app log, versions, settings and the last 20 QuickBooks syncs; passwords and QuickBooks
          sign-in tokens are never in it. Client details are not included.
        </Text>
        <Button
          variant="default"
          leftSection={<IconLifebuoy size={16} aria-hidden />}
          loading={bundle.isPending}
          onClick={() => {
            setSaved(null);
            bundle.mutate();
          }}
        >
          Save diagnostics…
        </Button>
        {saved && (
          <Text size="sm" role="status">
            {saved}
          </Text>
        )}
        {bundle.isError && (
          <Alert
            color="red"
            icon={<IconAlertCircle aria-hidden />}
            title="Diagnostics could not be saved"
            role="alert"
          >
            {readableMessage(bundle.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** Hands the zip to the browser's own download (the desktop app asks where to save it). */
function download(bundle: DiagnosticsBundle): void {
  const bytes = Uint8Array.from(atob(bundle.zipBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = bundle.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
