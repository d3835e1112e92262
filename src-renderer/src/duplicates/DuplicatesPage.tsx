import { useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck } from '@tabler/icons-react';
import type { DuplicatePair } from '../../../src-shared/contract';
import { useDismissPair, useDuplicatePairs } from '../api/duplicates';
import { formatCount } from '../format/time';
import { BackLink } from '../shell/BackLink';
import { LoadError } from '../shell/LoadError';
import { useFocusFallback } from '../shell/focus-fallback';
import { DuplicateSideCard } from './DuplicateSideCard';
import { reasonLabels } from './duplicate-words';
import { MergeHistory } from './MergeHistory';
import { MergeModal } from './MergeModal';

interface PairRowProps {
  pair: DuplicatePair;
  onMerge: () => void;
  onDismissed: () => void;
}

function PairRow({ pair, onMerge, onDismissed }: PairRowProps) {
  const dismiss = useDismissPair();
  return (
    <Paper withBorder p="sm" data-testid="duplicate-pair">
      <Stack gap="xs">
        <Group gap="xs">
          {pair.reasons.map((reason) => (
            <Badge key={reason} variant="light" color="grape">
              {reasonLabels[reason]}
            </Badge>
          ))}
        </Group>
        <SimpleGrid cols={2}>
          <DuplicateSideCard side={pair.quickbooks} />
          <DuplicateSideCard side={pair.manual} />
        </SimpleGrid>
        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            size="xs"
            loading={dismiss.isPending}
            onClick={() =>
              dismiss.mutate(
                { quickbooksClientId: pair.quickbooks.id, manualClientId: pair.manual.id },
                {
                  onSuccess: () => {
                    onDismissed();
                    notifications.show({ color: 'teal', message: 'Marked as not a duplicate' });
                  },
                },
              )
            }
          >
            Not a duplicate
          </Button>
          <Button size="xs" onClick={onMerge}>
            Merge…
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** QuickBooks/manual pairs that may be one person, with merge and "not a duplicate". */
export function DuplicatesPage() {
  const list = useDuplicatePairs();
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const data = list.data;
  // A merged or dismissed pair takes its buttons with it.
  const titleRef = useRef<HTMLHeadingElement>(null);
  const armFocusFallback = useFocusFallback(titleRef);

  return (
    <Stack gap="md" maw={1100}>
      <BackLink to={{ page: 'clients' }} label="Back to clients" />
      <div>
        <Title order={2} ref={titleRef} tabIndex={-1}>
          Possible duplicates
        </Title>
        <Text c="dimmed" size="sm">
          A QuickBooks client and a custom client that may be the same person: same email, phone or
          name. Merge them to keep one, or mark them as not a duplicate.
        </Text>
      </div>

      {data ? (
        data.total === 0 ? (
          <Alert color="teal" icon={<IconCircleCheck aria-hidden />} data-testid="no-duplicates">
            No possible duplicates right now.
          </Alert>
        ) : (
          <Stack gap="sm">
            <Text size="sm" data-testid="duplicate-count">
              {formatCount(data.total, 'possible duplicate', 'possible duplicates')}
              {data.total > data.pairs.length && ` (showing the first ${data.pairs.length})`}
            </Text>
            {data.pairs.map((pair) => (
              <PairRow
                key={`${pair.quickbooks.id}:${pair.manual.id}`}
                pair={pair}
                onMerge={() => setMerging(pair)}
                onDismissed={armFocusFallback}
              />
            ))}
          </Stack>
        )
      ) : list.isError ? (
        <LoadError
          title="Duplicates could not be loaded"
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      ) : (
        <Stack aria-busy>
          <Skeleton height={160} />
          <Skeleton height={160} />
        </Stack>
      )}

      <MergeHistory />
      <MergeModal pair={merging} onClose={() => setMerging(null)} onMerged={armFocusFallback} />
    </Stack>
  );
}
