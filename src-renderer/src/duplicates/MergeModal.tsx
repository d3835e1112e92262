import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  Radio,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { DuplicatePair, MergePreview, MergeSideCounts } from '../../../src-shared/contract';
import { readableMessage } from '../api';
import { useMergeClients, useMergePreview, useUndoMerge } from '../api/duplicates';
import { DuplicateSideCard } from './DuplicateSideCard';
import { portalSentence, preferencesSentence } from './duplicate-words';
import { showMergedToast } from './merge-toast';
import { formatCount } from '../format/time';

type Keep = 'quickbooks' | 'manual';

function CountsLine({ counts }: { counts: MergeSideCounts }) {
  return (
    <Text size="xs" c="dimmed">
      {formatCount(counts.horses, 'horse', 'horses')} · {formatCount(counts.notes, 'note', 'notes')}{' '}
      · {formatCount(counts.documents, 'document', 'documents')} · portal{' '}
      {counts.portalEnabled ? 'on' : 'off'} ·{' '}
      {counts.hasPreferences ? 'preferences set' : 'no preferences'}
    </Text>
  );
}

/** What the chosen merge will do, in the order it happens. */
function MergeSteps({ preview, keep }: { preview: MergePreview; keep: Keep }) {
  const outcome = keep === 'quickbooks' ? preview.keepQuickBooks : preview.keepManual;
  const kept = keep === 'quickbooks' ? preview.quickbooks : preview.manual;
  const archived = keep === 'quickbooks' ? preview.manual : preview.quickbooks;
  const steps = [
    outcome.horsesToMove > 0
      ? `Move ${formatCount(outcome.horsesToMove, 'horse', 'horses')} to ${kept.displayName}.`
      : outcome.horsesAlreadyLinked === 0
        ? 'No horses to move.'
        : null,
    outcome.horsesAlreadyLinked > 0
      ? `${formatCount(outcome.horsesAlreadyLinked, 'horse is', 'horses are')} already linked to ${kept.displayName} and stay linked once.`
      : null,
    `Copy ${formatCount(outcome.notesToCopy, 'staff note', 'staff notes')}, marked "Copied from ${archived.displayName}".`,
    outcome.documentsToMove > 0
      ? `${formatCount(outcome.documentsToMove, 'document moves', 'documents move')} to the kept client, ${kept.displayName}.`
      : null,
    portalSentence(outcome.portal, kept.displayName, archived.displayName),
    preferencesSentence(outcome.preferences, kept.displayName),
    archived.source === 'quickbooks'
      ? `Archive ${archived.displayName} here only: it stays a QuickBooks customer and nothing changes in QuickBooks.`
      : `Archive ${archived.displayName}. Its history is kept and it can be restored.`,
  ].filter((step): step is string => step !== null);
  return (
    <Stack gap={4} data-testid="merge-steps">
      <Text fw={600} size="sm">
        What will happen
      </Text>
      <List size="sm" spacing={2}>
        {steps.map((step) => (
          <List.Item key={step}>{step}</List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        You can undo the merge afterwards.
      </Text>
    </Stack>
  );
}

interface MergeModalProps {
  pair: DuplicatePair | null;
  onClose: () => void;
  /** The pair's row, and the button that opened this dialog, are about to go. */
  onMerged: () => void;
}

/** Side by side, which one to keep (QuickBooks recommended), what moves, then merge. */
export function MergeModal({ pair, onClose, onMerged }: MergeModalProps) {
  const preview = useMergePreview(
    pair && { quickbooksClientId: pair.quickbooks.id, manualClientId: pair.manual.id },
  );
  const [keep, setKeep] = useState<Keep>('quickbooks');
  const merge = useMergeClients();
  const undo = useUndoMerge();

  function close() {
    setKeep('quickbooks');
    onClose();
  }

  function confirm(data: MergePreview) {
    const outcome = keep === 'quickbooks' ? data.keepQuickBooks : data.keepManual;
    merge.mutate(
      { keepClientId: outcome.keepClientId, archiveClientId: outcome.archiveClientId },
      {
        onSuccess: (record) => {
          onMerged();
          close();
          showMergedToast(record, (mergeId) => undo.mutateAsync(mergeId));
        },
      },
    );
  }

  const data = preview.data;
  return (
    <Modal
      opened={pair !== null}
      onClose={close}
      title="Merge duplicate clients"
      size="xl"
      centered
    >
      {data ? (
        <Stack>
          <Radio.Group
            value={keep}
            onChange={(value) => setKeep(value as Keep)}
            label="Which client do you keep?"
          >
            <SimpleGrid cols={2} mt="xs">
              <DuplicateSideCard side={data.quickbooks}>
                <CountsLine counts={data.quickbooks.counts} />
                <Radio
                  value="quickbooks"
                  label="Keep this QuickBooks client (recommended)"
                  description="Stays in sync and links to QuickBooks for billing."
                  mt="xs"
                />
              </DuplicateSideCard>
              <DuplicateSideCard side={data.manual}>
                <CountsLine counts={data.manual.counts} />
                <Radio
                  value="manual"
                  label="Keep this custom client"
                  description="Rare: only if you do not use QuickBooks for this client."
                  mt="xs"
                />
              </DuplicateSideCard>
            </SimpleGrid>
          </Radio.Group>
          <MergeSteps preview={data} keep={keep} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button loading={merge.isPending} onClick={() => confirm(data)}>
              Merge clients
            </Button>
          </Group>
        </Stack>
      ) : preview.isError ? (
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          role="alert"
          title="Could not prepare the merge"
        >
          {readableMessage(preview.error)}
        </Alert>
      ) : (
        <Stack aria-busy>
          <Skeleton height={140} />
          <Skeleton height={80} />
        </Stack>
      )}
    </Modal>
  );
}
