import { useId, type ReactNode } from 'react';
import { Card, Group, Title } from '@mantine/core';

interface ProfileSectionProps {
  title: string;
  testId: string;
  actions?: ReactNode;
  children: ReactNode;
}

/** One titled card of the client profile, labelled by its heading for screen readers. */
export function ProfileSection({ title, testId, actions, children }: ProfileSectionProps) {
  const headingId = useId();
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id={headingId}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}
