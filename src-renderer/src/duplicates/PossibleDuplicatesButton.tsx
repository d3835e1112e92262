import { Button } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useDuplicatePairs } from '../api/duplicates';
import { routeHref } from '../routing/hash-route';

/** "Possible duplicates (N)" on the Clients page; hidden while there are none. */
export function PossibleDuplicatesButton() {
  const list = useDuplicatePairs();
  const total = list.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <Button
      component="a"
      href={routeHref({ page: 'duplicates' })}
      variant="light"
      color="grape"
      leftSection={<IconCopy size={16} aria-hidden />}
      data-testid="possible-duplicates"
    >
      Possible duplicates ({total})
    </Button>
  );
}
