import { Skeleton, Stack } from '@mantine/core';
import { ApiError } from '../../api';
import { useClient } from '../../api/clients';
import { MergedBanner } from '../../duplicates/MergedBanner';
import { BackLink } from '../../shell/BackLink';
import { LoadError } from '../../shell/LoadError';
import { ActivitySection } from './ActivitySection';
import { ArchivedBanner } from './ArchivedBanner';
import { ContactSection } from './ContactSection';
import { HorsesSection } from './HorsesSection';
import { NotesSection } from './NotesSection';
import { PortalSection } from './PortalSection';
import { PreferencesSection } from './PreferencesSection';
import { ProfileHeader } from './ProfileHeader';
import { useRecordProfileOpened } from '../../api/documents';
import { DocumentsSection } from './DocumentsSection';
import { HistoryTabs } from './HistoryTabs';
import { PrivacyPanel } from './PrivacyPanel';
import classes from './ClientProfile.module.css';

export function ClientProfile({ id }: { id: number }) {
  const detail = useClient(id);
  useRecordProfileOpened(id);

  return (
    <Stack gap="md" maw={1280}>
      <BackLink to={{ page: 'clients' }} label="Back to clients" />
      {detail.data ? (
        <>
          {/* A merged client comes back through "Undo merge", not Restore. */}
          {detail.data.client.archivedAt && detail.data.client.mergedIntoId === null && (
            <ArchivedBanner client={detail.data.client} />
          )}
          {detail.data.client.mergedIntoId !== null && <MergedBanner client={detail.data.client} />}
          <ProfileHeader client={detail.data.client} />
          <div className={classes.layout}>
            <div className={classes.contact}>
              {/* Keyed by client only: a form being typed in must outlive someone else's save. */}
              <ContactSection key={id} client={detail.data.client} />
            </div>
            <Stack gap="md" className={classes.side}>
              <HorsesSection clientId={id} horses={detail.data.horses} />
              <NotesSection clientId={id} notes={detail.data.notes} />
              <DocumentsSection clientId={id} />
              <PortalSection client={detail.data.client} portal={detail.data.portal} />
              <PreferencesSection
                key={id}
                clientId={id}
                preferences={detail.data.preferences}
                version={detail.data.preferencesVersion}
              />
              <PrivacyPanel client={detail.data.client} />
            </Stack>
            <div className={classes.history}>
              <HistoryTabs
                clientId={id}
                activity={
                  <ActivitySection
                    activity={detail.data.activity}
                    deletedNotes={detail.data.deletedNotes}
                  />
                }
              />
            </div>
          </div>
        </>
      ) : detail.isError ? (
        <LoadError
          title={
            detail.error instanceof ApiError && detail.error.code === 'not_found'
              ? 'Client not found'
              : 'This client could not be loaded'
          }
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      ) : (
        <Stack data-testid="client-loading" aria-busy>
          <Skeleton height={36} width="40%" />
          <Skeleton height={220} />
          <Skeleton height={160} />
        </Stack>
      )}
    </Stack>
  );
}
