import { Alert, Badge, createTheme, Modal, Notification } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  components: {
    // The guide's labels ("From QuickBooks", "Custom Client") read as written, not shouted.
    Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }),
    // Mantine's close buttons are a bare "×"; a screen reader needs a name for them.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: 'Dismiss' } }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } },
    }),
  },
});
