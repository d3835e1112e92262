import type { Route } from '../routing/hash-route';
import { ClientsPage } from '../clients/ClientsPage';
import { ClientProfile } from '../clients/profile/ClientProfile';
import { DuplicatesPage } from '../duplicates/DuplicatesPage';
import { ImportPage } from '../import/ImportPage';
import { SettingsPage } from '../settings/SettingsPage';
import { DataPage } from '../settings/DataPage';
import { AboutPage } from '../settings/AboutPage';
import { IntegrationsPage } from '../integrations/IntegrationsPage';
import { SyncLogPage } from '../sync/SyncLogPage';
import { SyncRunDetail } from '../sync/SyncRunDetail';

export function CurrentPage({ route }: { route: Route }) {
  switch (route.page) {
    case 'clients':
      return <ClientsPage />;
    case 'client':
      return <ClientProfile key={route.id} id={route.id} />;
    case 'duplicates':
      return <DuplicatesPage />;
    case 'import':
      return <ImportPage />;
    case 'settings':
      return <SettingsPage />;
    case 'integrations':
      return <IntegrationsPage />;
    case 'data':
      return <DataPage />;
    case 'about':
      return <AboutPage />;
    case 'sync-log':
      return <SyncLogPage />;
    case 'sync-run':
      return <SyncRunDetail key={route.id} runId={route.id} />;
  }
}
