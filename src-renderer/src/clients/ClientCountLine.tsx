import type { ReactNode } from 'react';
import { Anchor, Text } from '@mantine/core';
import type { ClientPage } from '../../../src-shared/contract';
import { useClientCount } from '../api/clients';
import type { ClientListFilters } from '../api/query-keys';
import { formatCount } from '../format/time';
import { setListFilters } from './list-filters';

const number = (n: number) => n.toLocaleString('en-US');

/**
 * "4,767 active · 233 inactive": the list shows one status at a time, so the line
 * names the other too, where a sync's "5,000 created" went. The other status is a
 * link to it.
 */
export function ClientCountLine({
  filters,
  page,
}: {
  filters: ClientListFilters;
  page?: ClientPage;
}) {
  const other = filters.status === 'active' ? 'inactive' : 'active';
  const otherCount = useClientCount({ ...filters, status: other }).data?.total;
  let text: ReactNode = ' ';
  if (page && filters.status === 'archived') {
    text = formatCount(page.total, 'archived client', 'archived clients');
  } else if (page && otherCount === undefined) {
    text = formatCount(page.total, `${filters.status} client`, `${filters.status} clients`);
  } else if (page && page.total === 0 && otherCount === 0) {
    // Nothing either way: the list's own empty state says so ("No clients yet", "No matches").
    text = ' ';
  } else if (page && otherCount !== undefined) {
    const shown = `${number(page.total)} ${filters.status}`;
    const link = (
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={() => setListFilters({ status: other })}
        data-testid="client-count-other"
      >
        {number(otherCount)} {other}
      </Anchor>
    );
    text =
      filters.status === 'active' ? (
        <>
          {shown} · {link}
        </>
      ) : (
        <>
          {link} · {shown}
        </>
      );
  }
  return (
    <Text c="dimmed" size="sm" data-testid="client-count" aria-live="polite">
      {text}
    </Text>
  );
}
