import { Group, Progress, Stack, Text } from '@mantine/core';
import type { SyncProgress as Progressing } from '../../../src-shared/contract';

const PHASES: Record<Progressing['phase'], string> = {
  starting: 'Starting the sync…',
  counting: 'Counting QuickBooks customers…',
  fetching: 'Bringing in customers…',
  checking: 'Checking customers no longer in QuickBooks…',
  finishing: 'Finishing…',
};

/** The running sync as a bar: applied of total when the total is known, moving stripes until then. */
export function SyncProgress({ progress }: { progress: Progressing }) {
  const known = progress.total !== null && progress.total > 0;
  const percent = known
    ? Math.min(100, Math.round((progress.applied / (progress.total as number)) * 100))
    : 100;
  return (
    <Stack gap={4} data-testid="sync-progress">
      <Group justify="space-between">
        <Text size="sm">{PHASES[progress.phase]}</Text>
        {known && (
          <Text size="sm" c="dimmed">
            {progress.applied.toLocaleString('en-US')} of{' '}
            {(progress.total as number).toLocaleString('en-US')}
          </Text>
        )}
      </Group>
      <Progress
        value={percent}
        animated={!known}
        striped={!known}
        aria-label="Customer sync progress"
        aria-valuetext={known ? `${percent}%` : 'in progress'}
      />
    </Stack>
  );
}
