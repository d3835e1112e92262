import { Anchor, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { routeHref, type Route } from '../routing/hash-route';

/** "Back to …" above a page: the same arrow and wording on every screen. */
export function BackLink({ to, label }: { to: Route; label: string }) {
  return (
    <Anchor href={routeHref(to)} size="sm" w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {label}
      </Group>
    </Anchor>
  );
}
