import { NavLink, Stack } from '@mantine/core';
import {
  IconAdjustments,
  IconDatabase,
  IconPlug,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import { routeHref, type Route } from '../routing/hash-route';

export function NavMenu({ route }: { route: Route }) {
  const inClients =
    route.page === 'clients' ||
    route.page === 'client' ||
    route.page === 'duplicates' ||
    route.page === 'import';
  // The Sync Log and its runs are opened from the Integrations page.
  const inIntegrations =
    route.page === 'integrations' || route.page === 'sync-log' || route.page === 'sync-run';

  return (
    // AppShell.Navbar is already the "Main" navigation landmark.
    <Stack gap={2}>
      <NavLink
        href={routeHref({ page: 'clients' })}
        label="Clients"
        leftSection={<IconUsers size={18} aria-hidden />}
        active={inClients}
        aria-current={inClients ? 'page' : undefined}
      />
      {/* A group, not a link: with sub-pages Mantine's NavLink only folds. Its pages are below. */}
      <NavLink
        component="div"
        label="Settings"
        leftSection={<IconSettings size={18} aria-hidden />}
        opened
        disableRightSectionRotation
        rightSection={null}
        childrenOffset={28}
      >
        <NavLink
          href={routeHref({ page: 'settings' })}
          label="General"
          leftSection={<IconAdjustments size={18} aria-hidden />}
          active={route.page === 'settings'}
          aria-current={route.page === 'settings' ? 'page' : undefined}
        />
        <NavLink
          href={routeHref({ page: 'integrations' })}
          label="Integrations"
          leftSection={<IconPlug size={18} aria-hidden />}
          active={inIntegrations}
          aria-current={inIntegrations ? 'page' : undefined}
        />
        <NavLink
          href={routeHref({ page: 'data' })}
          label="Data"
          leftSection={<IconDatabase size={18} aria-hidden />}
          active={route.page === 'data'}
          aria-current={route.page === 'data' ? 'page' : undefined}
        />
      </NavLink>
    </Stack>
  );
}
