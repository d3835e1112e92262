import { Group, Pagination } from '@mantine/core';

interface PageControlsProps {
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
}

/** Page numbers under a long table, hidden when everything fits on one page. */
export function PageControls({ total, pageSize, page, onChange }: PageControlsProps) {
  if (total <= pageSize) return null;
  return (
    <Group justify="center">
      <Pagination
        total={Math.ceil(total / pageSize)}
        value={page}
        onChange={onChange}
        // The arrows are icons only; give them names a screen reader can say.
        getControlProps={(control) => ({
          'aria-label': {
            first: 'First page',
            previous: 'Previous page',
            next: 'Next page',
            last: 'Last page',
          }[control],
        })}
        getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
      />
    </Group>
  );
}
