import { Stack, Title, Text } from '@mantine/core';
import { QuickBooksCard } from './QuickBooksCard';

export function IntegrationsPage() {
  return (
    <Stack gap="lg" maw={820}>
      <div>
        <Title order={2}>Integrations</Title>
        <Text c="dimmed">Connect EquineOps to the systems your barn already uses.</Text>
      </div>
      <QuickBooksCard />
    </Stack>
  );
}
