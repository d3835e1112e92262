import { useEffect, useRef, type ReactNode } from 'react';
import { useSetupStatus } from '../api/settings';
import { StartingUp } from '../shell/StartingUp';
import { UnsavedChangesPrompt } from '../unsaved-changes/UnsavedChangesPrompt';
import { FirstRunSetup } from './FirstRunSetup';

/** The app once it knows whose barn it is (with the one "Discard changes?" prompt); the first-run setup until then. */
export function FirstRunGate({ children }: { children: ReactNode }) {
  const status = useSetupStatus();
  const needed = status.data?.needed;
  const before = useRef(needed);
  useEffect(() => {
    // The setup form left with the keyboard in it: start again at the page's title, not the page body.
    if (before.current === true && needed === false) requestAnimationFrame(focusPageTitle);
    before.current = needed;
  }, [needed]);
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

function focusPageTitle(): void {
  const title = document.querySelector<HTMLElement>('main h1, main h2');
  if (!title) return;
  if (!title.hasAttribute('tabindex')) title.tabIndex = -1;
  title.focus();
}
