import type { ReactNode } from 'react';
import { Tabs } from '@mantine/core';
import { AccessLog } from './AccessLog';

/**
 * The profile's history: what changed (Activity) and who looked (Access).
 * The access log loads only when its tab is chosen.
 */
export function HistoryTabs({ clientId, activity }: { clientId: number; activity: ReactNode }) {
  return (
    <Tabs defaultValue="activity" keepMounted={false} data-testid="history-tabs">
      <Tabs.List mb="xs">
        <Tabs.Tab value="activity">Activity</Tabs.Tab>
        <Tabs.Tab value="access">Access</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="activity">{activity}</Tabs.Panel>
      <Tabs.Panel value="access">
        <AccessLog clientId={clientId} />
      </Tabs.Panel>
    </Tabs>
  );
}
