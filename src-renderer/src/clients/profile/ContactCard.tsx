import type { ReactNode } from 'react';
import { ActionIcon, Anchor, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { Address, Client } from '../../../../src-shared/contract';
import { telHref } from './tel-href';

/**
 * A QuickBooks client's contact details, read-only: only the fields that hold
 * something, emails as mailto and phones as tel links, each with a copy
 * button. A form of disabled inputs took a whole screen for the same facts.
 */
export function ContactCard({ client }: { client: Client }) {
  const emails = emailsOf(client);
  const personName = [client.givenName, client.familyName].filter(Boolean).join(' ');
  const billing = addressLines(client.billingAddress);
  const shipping = addressLines(client.shippingAddress);
  const shippingDiffers = shipping.length > 0 && shipping.join('\n') !== billing.join('\n');

  const rows: { label: string; value: ReactNode }[] = [];
  if (personName && personName !== client.displayName)
    rows.push({ label: 'Name', value: personName });
  if (client.companyName && client.companyName !== client.displayName)
    rows.push({ label: 'Company', value: client.companyName });
  if (client.contactPerson) rows.push({ label: 'Contact person', value: client.contactPerson });
  emails.forEach((email, i) =>
    rows.push({
      label: i === 0 ? (emails.length > 1 ? 'Email (primary)' : 'Email') : 'Email',
      value: <Copyable text={email} href={`mailto:${email}`} what="email" />,
    }),
  );
  if (client.phone)
    rows.push({
      label: 'Phone',
      value: <Copyable text={client.phone} href={telHref(client.phone)} what="phone" />,
    });
  if (client.mobile)
    rows.push({
      label: 'Mobile',
      value: <Copyable text={client.mobile} href={telHref(client.mobile)} what="mobile" />,
    });
  if (billing.length > 0)
    rows.push({
      label: shippingDiffers ? 'Billing address' : 'Address',
      value: <Copyable text={billing.join('\n')} what="billing address" multiline />,
    });
  if (shippingDiffers)
    rows.push({
      label: 'Shipping address',
      value: <Copyable text={shipping.join('\n')} what="shipping address" multiline />,
    });
  if (client.customerType) rows.push({ label: 'Customer type', value: client.customerType });

  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="contact-card">
        QuickBooks has no contact details for this customer.
      </Text>
    );
  return (
    <Stack gap={6} component="dl" m={0} data-testid="contact-card">
      {rows.map((row, i) => (
        <Group key={`${row.label}-${i}`} gap="sm" wrap="nowrap" align="flex-start">
          <Text component="dt" size="sm" c="dimmed" w={120} style={{ flexShrink: 0 }}>
            {row.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {row.value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function emailsOf(client: Client): string[] {
  // Every address QuickBooks holds for the customer, the primary first.
  if (client.emails.length > 0) return client.emails;
  return client.email ? [client.email] : [];
}

function addressLines(address: Address | null): string[] {
  if (!address) return [];
  const cityLine = [address.city, [address.region, address.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return [address.street, cityLine, address.country].filter((part): part is string =>
    Boolean(part && part.trim()),
  );
}

function Copyable({
  text,
  href,
  what,
  multiline = false,
}: {
  text: string;
  href?: string;
  what: string;
  multiline?: boolean;
}) {
  return (
    <Group gap={4} wrap="nowrap" align="flex-start" component="span">
      {href ? (
        <Anchor href={href} size="sm">
          {text}
        </Anchor>
      ) : (
        <Text span size="sm" style={multiline ? { whiteSpace: 'pre-line' } : undefined}>
          {text}
        </Text>
      )}
      <CopyButton value={text} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy ${what}`} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              size="sm"
              onClick={copy}
              aria-label={`${copied ? 'Copied' : 'Copy'} ${what} ${text.split('\n')[0] ?? ''}`}
            >
              {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
