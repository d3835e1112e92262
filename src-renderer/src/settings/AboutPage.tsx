import {
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconCopy } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { AboutInfo } from '../../../src-shared/contract';
import { api } from '../api';
import { LoadError } from '../shell/LoadError';
import { DiagnosticsPanel } from './DiagnosticsPanel';

/** Settings → About: the version, where data and logs are kept, diagnostics, and licenses. */
export function AboutPage() {
  const about = useQuery({
    queryKey: ['app.about'],
    queryFn: () => api['app.about']({}),
    staleTime: Infinity,
  });
  return (
    <Stack maw={960} gap="md">
      <Title order={2}>About</Title>
      {about.data ? (
        <>
          <VersionAndFolders about={about.data} />
          <DiagnosticsPanel />
          <Licenses licenses={about.data.licenses} />
        </>
      ) : about.isError ? (
        <LoadError
          title="About could not be loaded"
          error={about.error}
          onRetry={() => void about.refetch()}
        />
      ) : (
        <Skeleton height={320} />
      )}
    </Stack>
  );
}

function VersionAndFolders({ about }: { about: AboutInfo }) {
  const runtime = about.versions.electron
    ? `Electron ${about.versions.electron} (Chromium ${about.versions.chrome ?? '?'}, Node ${about.versions.node})`
    : `Browser host on Node ${about.versions.node}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="about-version-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="about-version-title">
          EquineOps Client Sync {about.version}
        </Title>
        <Text size="sm" data-testid="about-runtime">
          {runtime} on {about.versions.os}
        </Text>
        <FolderLine label="Data folder" path={about.dataFolder} testId="about-data-folder" />
        <FolderLine label="Log folder" path={about.logFolder} testId="about-log-folder" />
      </Stack>
    </Paper>
  );
}

function FolderLine({ label, path, testId }: { label: string; path: string; testId: string }) {
  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <Text size="sm" fw={500} w={100}>
        {label}
      </Text>
      <Code data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {path}
      </Code>
      <CopyButton value={path}>
        {({ copied, copy }) => (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconCopy size={14} aria-hidden />}
            onClick={copy}
            aria-label={`Copy the ${label.toLowerCase()} path`}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function Licenses({ licenses }: { licenses: AboutInfo['licenses'] }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle
      ? licenses.filter(
          (l) => l.name.toLowerCase().includes(needle) || l.license.toLowerCase().includes(needle),
        )
      : licenses;
  }, [filter, licenses]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="about-licenses-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="about-licenses-title">
          Open-source libraries
        </Title>
        <Text size="sm">
          EquineOps Client Sync is built with {licenses.length} open-source libraries, used under
          their licenses:
        </Text>
        <TextInput
          label="Find a library"
          placeholder="react, MIT…"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          maw={320}
        />
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed">
            No library matches “{filter}”.
          </Text>
        ) : (
          <Table striped withTableBorder aria-labelledby="about-licenses-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Library</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>License</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((library) => (
                <Table.Tr key={`${library.name}@${library.version}`}>
                  <Table.Td>{library.name}</Table.Td>
                  <Table.Td>{library.version}</Table.Td>
                  <Table.Td>{library.license}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
