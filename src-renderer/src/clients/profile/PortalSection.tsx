import { Checkbox, Stack, Switch } from '@mantine/core';
import type { Client, PortalSettings } from '../../../../src-shared/contract';
import { useUpdatePortal } from '../../api/clients';
import { useQuickBooksStatus } from '../../api/quickbooks';
import { ProfileSection } from './ProfileSection';

/**
 * Portal access works the same for QuickBooks and custom clients; it needs an email to log in with.
 * No invoice option: the app holds no invoices, financial data stays in QuickBooks.
 */
export function PortalSection({ client, portal }: { client: Client; portal: PortalSettings }) {
  const update = useUpdatePortal();
  const hasEmail = Boolean(client.email);
  const quickbooks = useQuickBooksStatus().data;
  // An email added in QuickBooks only arrives while syncs run.
  const syncing =
    !quickbooks || (quickbooks.state === 'connected' && quickbooks.customerSyncEnabled);
  const save = (patch: Partial<Pick<PortalSettings, 'enabled' | 'canViewHorses'>>) =>
    update.mutate({
      clientId: client.id,
      enabled: portal.enabled,
      canViewHorses: portal.canViewHorses,
      ...patch,
    });

  return (
    <ProfileSection title="Portal access" testId="portal-section">
      <Stack gap="sm">
        <Switch
          label="Portal access"
          description={
            hasEmail
              ? `Logs in with ${portal.loginEmail ?? client.email ?? ''}`
              : client.source === 'quickbooks'
                ? syncing
                  ? 'This client has no email address. Add one in QuickBooks; after the next sync the portal can be turned on.'
                  : 'This client has no email address. Add one in QuickBooks; it arrives here once QuickBooks is connected and Customer Sync is on (Settings → Integrations).'
                : 'This client has no email address. Add one under Contact details to turn on the portal.'
          }
          checked={portal.enabled}
          disabled={(!hasEmail && !portal.enabled) || update.isPending}
          onChange={(event) => save({ enabled: event.currentTarget.checked })}
        />
        <Stack gap={6} pl="xl">
          <Checkbox
            label="Can view horses"
            checked={portal.canViewHorses}
            disabled={!portal.enabled || update.isPending}
            onChange={(event) => save({ canViewHorses: event.currentTarget.checked })}
          />
        </Stack>
      </Stack>
    </ProfileSection>
  );
}
