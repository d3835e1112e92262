import { Badge, type BadgeProps } from '@mantine/core';
import type { SyncResult } from '../../../src-shared/contract';
import { RESULT_LABELS } from './sync-labels';

/**
 * "Finished with errors" and friends, never cut: Mantine ends a badge's label with
 * an ellipsis when its cell is narrow, which turned "Finished with errors" into "Finished w…".
 */
export function RunResultBadge({ result, ...props }: { result: SyncResult } & BadgeProps) {
  const { label, color } = RESULT_LABELS[result];
  return (
    <Badge
      color={color}
      variant="light"
      styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
      data-testid="run-result-badge"
      {...props}
    >
      {label}
    </Badge>
  );
}
