import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmColor?: string;
  loading?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before a step staff may regret; Escape or Cancel backs out. A red
 * (destructive) step opens with the keyboard on Cancel, so a reflexive Enter
 * does not disconnect or delete; the others open on their confirm button.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const color = props.confirmColor ?? 'red';
  const destructive = color === 'red';
  return (
    <Modal opened={props.opened} onClose={props.onCancel} title={props.title} centered>
      <Stack>
        <Text size="sm" component="div">
          {props.children}
        </Text>
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={props.onCancel}
            data-autofocus={destructive || undefined}
          >
            Cancel
          </Button>
          <Button
            color={color}
            loading={props.loading}
            onClick={props.onConfirm}
            data-autofocus={!destructive || undefined}
          >
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
