import { useState, type FormEvent } from 'react';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { HorseInput } from '../../../../src-shared/contract';
import { useHorseSearch, useLinkHorse } from '../../api/horses';

const CREATE_NEW = 'create-new';
const roles = ['Owner', 'Co-owner', 'Lessee', 'Rider', 'Trainer', 'Agent'];

interface NewHorseValues {
  name: string;
  breed: string;
  color: string;
  birthYear: string | number;
}

const emptyHorse: NewHorseValues = { name: '', breed: '', color: '', birthYear: '' };

interface LinkHorseModalProps {
  clientId: number;
  opened: boolean;
  onClose: () => void;
  linkedIds: number[];
}

/** Pick a horse already in EquineOps, or create one and link it in one step. */
export function LinkHorseModal({ clientId, opened, onClose, linkedIds }: LinkHorseModalProps) {
  const [search, setSearch] = useState('');
  // What was typed, kept when picking an option replaces the box's text with the option's label.
  const [typed, setTyped] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const horses = useHorseSearch(debounced);
  const [choice, setChoice] = useState<string | null>(null);
  const [role, setRole] = useState<string>('Owner');
  const [newHorse, setNewHorse] = useState(emptyHorse);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const link = useLinkHorse();
  const creating = choice === CREATE_NEW;

  const options = [
    ...(horses.data ?? [])
      .filter((horse) => !linkedIds.includes(horse.id))
      .map((horse) => ({
        value: String(horse.id),
        label: horse.name,
      })),
    { value: CREATE_NEW, label: '+ Create new horse' },
  ];

  function close() {
    setSearch('');
    setTyped('');
    setChoice(null);
    setRole('Owner');
    setNewHorse(emptyHorse);
    setErrors({});
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!choice) {
      setErrors({ horse: 'Choose a horse, or create a new one' });
      return;
    }
    let input: Parameters<typeof link.mutate>[0] = { clientId, role, horseId: Number(choice) };
    if (creating) {
      const parsed = HorseInput.safeParse({
        name: newHorse.name,
        breed: newHorse.breed.trim() || null,
        color: newHorse.color.trim() || null,
        birthYear: newHorse.birthYear === '' ? null : Number(newHorse.birthYear),
      });
      if (!parsed.success) {
        setErrors(
          Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])),
        );
        return;
      }
      input = { clientId, role, newHorse: parsed.data };
    }
    setErrors({});
    link.mutate(input, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: 'Horse linked' });
        close();
      },
    });
  }

  return (
    <Modal opened={opened} onClose={close} title="Link horse">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Horse"
            placeholder="Search horses by name"
            searchable
            data={options}
            value={choice}
            onChange={(value) => {
              setChoice(value);
              // "Create new horse" after typing a name that was not found: that is the new horse's name.
              if (value === CREATE_NEW && newHorse.name === '')
                setNewHorse({ ...newHorse, name: typed.trim() });
            }}
            searchValue={search}
            onSearchChange={(value) => {
              setSearch(value);
              if (!options.some((option) => option.label === value)) setTyped(value);
            }}
            // The list is already searched by the core; keep "Create new horse" always offered.
            filter={({ options: all }) => all}
            nothingFoundMessage="No horses found"
            error={errors.horse}
            data-autofocus
          />
          {creating && (
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                label="Horse name"
                required
                value={newHorse.name}
                onChange={(e) => setNewHorse({ ...newHorse, name: e.currentTarget.value })}
                error={errors.name}
              />
              <TextInput
                label="Breed"
                value={newHorse.breed}
                onChange={(e) => setNewHorse({ ...newHorse, breed: e.currentTarget.value })}
                error={errors.breed}
              />
              <TextInput
                label="Color"
                value={newHorse.color}
                onChange={(e) => setNewHorse({ ...newHorse, color: e.currentTarget.value })}
                error={errors.color}
              />
              <NumberInput
                label="Birth year"
                value={newHorse.birthYear}
                onChange={(value) => setNewHorse({ ...newHorse, birthYear: value })}
                min={1950}
                max={2100}
                allowDecimal={false}
                error={errors.birthYear}
              />
            </SimpleGrid>
          )}
          <Select
            label="Role"
            data={roles}
            value={role}
            onChange={(value) => setRole(value ?? 'Owner')}
            allowDeselect={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={link.isPending}>
              {creating ? 'Create and link' : 'Link to client'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
