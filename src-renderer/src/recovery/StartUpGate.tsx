import type { ReactNode } from 'react';
import { useAppStatus } from '../api/backups';
import { StartingUp } from '../shell/StartingUp';
import { RecoveryScreen } from './RecoveryScreen';

/** The app once its data file is open; the recovery screen when it could not be opened at start. */
export function StartUpGate({ children }: { children: ReactNode }) {
  const status = useAppStatus();
  if (status.data?.state === 'ready') return children;
  if (status.data?.state === 'recovery') return <RecoveryScreen status={status.data} />;
  return (
    <StartingUp
      failed={status.isError}
      error={status.error}
      errorTitle="EquineOps is not answering"
      onRetry={() => void status.refetch()}
    />
  );
}
