import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  components: {
    // The guide's labels ("From QuickBooks", "Custom Client") read as written, not shouted.
    Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }),
  },
});
