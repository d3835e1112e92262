import { Badge, NavLink, Stack } from '@mantine/core';
import {
  IconAdjustments,
  IconCopy,
  IconDatabase,
  IconHistory,
  IconInfoCircle,
  IconPlug,
  IconSettings,
  IconUpload,
  IconUsers,
} from '@tabler/icons-react';
import { useDuplicatePairs } from '../api/duplicates';
import { routeHref, type Route } from '../routing/hash-route';

/** Which sidebar entry a screen belongs to: a client's profile is under Clients, a run under Sync Log. */
export type NavSection =
  'clients' | 'import' | 'duplicates' | 'sync-log' | 'settings' | 'integrations' | 'data' | 'about';

export function navSection(route: Route): NavSection {
  switch (route.page) {
    case 'client':
      return 'clients';
    case 'sync-run':
      return 'sync-log';
    default:
      return route.page;
  }
}

const SETTINGS_PAGES: readonly NavSection[] = ['settings', 'integrations', 'data', 'about'];

/**
 * The sidebar: every page staff use, always there. "Settings" opens its General
 * page and shows its sub-pages beneath it.
 */
export function NavMenu({ route }: { route: Route }) {
  const section = navSection(route);
  const here = (name: NavSection) => ({
    active: section === name,
    'aria-current': section === name ? ('page' as const) : undefined,
  });
  const inSettings = SETTINGS_PAGES.includes(section);

  return (
    // AppShell.Navbar is already the "Main" navigation landmark.
    <Stack gap={2}>
      <NavLink
        href={routeHref({ page: 'clients' })}
        label="Clients"
        leftSection={<IconUsers size={18} aria-hidden />}
        {...here('clients')}
      />
      <NavLink
        href={routeHref({ page: 'import' })}
        label="Import"
        leftSection={<IconUpload size={18} aria-hidden />}
        {...here('import')}
      />
      <DuplicatesNavLink {...here('duplicates')} />
      <NavLink
        href={routeHref({ page: 'sync-log' })}
        label="Sync Log"
        leftSection={<IconHistory size={18} aria-hidden />}
        {...here('sync-log')}
      />
      {/* A link to General, not a fold: its sub-pages stay listed below it. */}
      <NavLink
        href={routeHref({ page: 'settings' })}
        label="Settings"
        leftSection={<IconSettings size={18} aria-hidden />}
        // Highlighted through its open sub-page below, so one entry is marked at a time.
        fw={inSettings ? 600 : undefined}
      />
      <Stack gap={2} pl={28}>
        <NavLink
          href={routeHref({ page: 'settings' })}
          label="General"
          leftSection={<IconAdjustments size={18} aria-hidden />}
          {...here('settings')}
        />
        <NavLink
          href={routeHref({ page: 'integrations' })}
          label="Integrations"
          leftSection={<IconPlug size={18} aria-hidden />}
          {...here('integrations')}
        />
        <NavLink
          href={routeHref({ page: 'data' })}
          label="Data"
          leftSection={<IconDatabase size={18} aria-hidden />}
          {...here('data')}
        />
        <NavLink
          href={routeHref({ page: 'about' })}
          label="About"
          leftSection={<IconInfoCircle size={18} aria-hidden />}
          {...here('about')}
        />
      </Stack>
    </Stack>
  );
}

/** "Duplicates" with the number of pairs to review; kept at zero so Merge history stays one click away. */
function DuplicatesNavLink(props: { active: boolean; 'aria-current': 'page' | undefined }) {
  const pairs = useDuplicatePairs();
  const total = pairs.data?.total;
  return (
    <NavLink
      href={routeHref({ page: 'duplicates' })}
      label="Duplicates"
      leftSection={<IconCopy size={18} aria-hidden />}
      rightSection={
        total !== undefined && (
          <Badge
            size="sm"
            variant={total > 0 ? 'filled' : 'light'}
            color={total > 0 ? 'grape' : 'gray'}
            aria-label={`${total} possible ${total === 1 ? 'duplicate' : 'duplicates'}`}
            data-testid="nav-duplicates-count"
          >
            {total}
          </Badge>
        )
      }
      {...props}
    />
  );
}
