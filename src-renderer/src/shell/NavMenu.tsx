import { NavLink, Stack } from '@mantine/core';
import { IconPlug, IconSettings, IconUsers } from '@tabler/icons-react';
import { routeHref, type Route } from '../routing/hash-route';

export function NavMenu({ route }: { route: Route }) {
  const inClients =
    route.page === 'clients' ||
    route.page === 'client' ||
    route.page === 'duplicates' ||
    route.page === 'import';

  return (
    <Stack gap={2} component="nav" aria-label="Main">
      <NavLink
        href={routeHref({ page: 'clients' })}
        label="Clients"
        leftSection={<IconUsers size={18} aria-hidden />}
        active={inClients}
        aria-current={inClients ? 'page' : undefined}
      />
      <NavLink
        href={routeHref({ page: 'settings' })}
        label="Settings"
        leftSection={<IconSettings size={18} aria-hidden />}
        active={route.page === 'settings'}
        aria-current={route.page === 'settings' ? 'page' : undefined}
        opened
        childrenOffset={28}
      >
        <NavLink
          href={routeHref({ page: 'integrations' })}
          label="Integrations"
          leftSection={<IconPlug size={18} aria-hidden />}
          active={route.page === 'integrations'}
          aria-current={route.page === 'integrations' ? 'page' : undefined}
        />
      </NavLink>
    </Stack>
  );
}
