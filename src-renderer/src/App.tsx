import { useEffect, useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { transport } from './api';
import { invalidateOnDataChanged } from './api/invalidation';
import { createQueryClient } from './api/query-client';
import { FirstRunGate } from './first-run/FirstRunGate';
import { AppLayout } from './shell/AppLayout';
import { DatabaseWaitGate } from './shell/DatabaseBanner';
import { StartUpGate } from './recovery/StartUpGate';
import { HostEvents } from './shell/HostEvents';
import { theme } from './shell/theme';

export function App() {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => invalidateOnDataChanged(transport, queryClient), [queryClient]);

  return (
    <MantineProvider theme={theme}>
      {/* Bottom right: the top is the header's and the shared database's banner's, which must stay readable. */}
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <HostEvents />
        <DatabaseWaitGate>
          <StartUpGate>
            <FirstRunGate>
              <AppLayout />
            </FirstRunGate>
          </StartUpGate>
        </DatabaseWaitGate>
      </QueryClientProvider>
    </MantineProvider>
  );
}
