import type { ReactNode } from 'react';
import { Anchor, Paper, Stack, Text } from '@mantine/core';
import type { DuplicateSide } from '../../../src-shared/contract';
import { ClientSourceBadge } from '../clients/ClientSourceBadge';
import { routeHref } from '../routing/hash-route';

/** One client of a pair: source, name and the details the pair was matched on. */
export function DuplicateSideCard({
  side,
  children,
}: {
  side: DuplicateSide;
  children?: ReactNode;
}) {
  const phones = [side.phone, side.mobile].filter(Boolean).join(' · ');
  return (
    <Paper withBorder p="sm" data-testid={`duplicate-side-${side.source}`}>
      <Stack gap={4}>
        <ClientSourceBadge source={side.source} />
        <Anchor href={routeHref({ page: 'client', id: side.id })} fw={600}>
          {side.displayName}
        </Anchor>
        <Text size="sm" c={side.email ? undefined : 'dimmed'}>
          {side.email ?? 'No email'}
        </Text>
        <Text size="sm" c={phones ? undefined : 'dimmed'}>
          {phones || 'No phone'}
        </Text>
        {!side.active && (
          <Text size="xs" c="orange.8">
            Inactive in QuickBooks
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}
