import { Badge, Group } from '@mantine/core';
import { IconLock, IconPencil } from '@tabler/icons-react';
import type { ClientSource } from '../../../src-shared/contract';
import { QuickBooksIcon } from '../icons/QuickBooksIcon';

export const readOnlyLabel = 'Read-only: edit in QuickBooks';

/** "From QuickBooks" (read-only, with the lock) or "Custom Client": the guide's two labels. */
export function ClientSourceBadge({ source }: { source: ClientSource }) {
  if (source === 'quickbooks') {
    return (
      <Group gap={6} wrap="nowrap">
        <Badge
          variant="light"
          color="green"
          leftSection={<QuickBooksIcon size={14} />}
          data-testid="badge-quickbooks"
        >
          From QuickBooks
        </Badge>
        {/* A native tooltip: this badge repeats on every row of a scrolling table. */}
        <IconLock
          size={16}
          role="img"
          aria-label={readOnlyLabel}
          color="var(--mantine-color-dimmed)"
          title={readOnlyLabel}
          data-testid="read-only-lock"
        />
      </Group>
    );
  }
  return <CustomClientBadge />;
}

/** The guide's ✏️ "Custom Client": a manual client, editable here, never sent to QuickBooks. */
export function CustomClientBadge() {
  return (
    <Badge
      variant="light"
      color="blue"
      leftSection={<IconPencil size={12} aria-hidden />}
      data-testid="badge-custom"
    >
      Custom Client
    </Badge>
  );
}
