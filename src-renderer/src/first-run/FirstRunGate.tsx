import type { ReactNode } from 'react';
import { useSetupStatus } from '../api/settings';
import { StartingUp } from '../shell/StartingUp';
import { UnsavedChangesPrompt } from '../unsaved-changes/UnsavedChangesPrompt';
import { FirstRunSetup } from './FirstRunSetup';

/** The app once it knows whose barn it is (with the one "Discard changes?" prompt); the first-run setup until then. */
export function FirstRunGate({ children }: { children: ReactNode }) {
  const status = useSetupStatus();
  if (status.data?.needed === false)
    return (
      <>
        {children}
        <UnsavedChangesPrompt />
      </>
    );
  if (status.data?.needed === true) return <FirstRunSetup status={status.data} />;
  return (
    <StartingUp
      failed={status.isError}
      error={status.error}
      errorTitle="EquineOps could not read its settings"
      onRetry={() => void status.refetch()}
    />
  );
}
