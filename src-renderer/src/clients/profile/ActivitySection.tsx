import { Text, Timeline } from '@mantine/core';
import type { ActivityEntry } from '../../../../src-shared/contract';
import { useOrganizationTimeZone } from '../../api/settings';
import { formatDateTime } from '../../format/time';
import { ProfileSection } from './ProfileSection';

export function ActivitySection({ activity }: { activity: ActivityEntry[] }) {
  const timeZone = useOrganizationTimeZone();
  const newestFirst = [...activity].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <ProfileSection title="Activity" testId="activity-section">
      {newestFirst.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened to this client yet.
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2}>
          {newestFirst.map((entry) => (
            <Timeline.Item key={entry.id} title={entry.summary} data-testid="activity-entry">
              <Text size="xs" c="dimmed">
                {entry.actor} · {formatDateTime(entry.at, timeZone)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </ProfileSection>
  );
}
