import { formatFileSize } from '../../src-shared/file-size';
import type { ClientData } from './client-export';

/** The organization's name and time zone: times read as the barn's clock, not UTC. */
export interface SummaryOrganization {
  organizationName: string;
  timeZone: string;
}

/** summary.html of a data export: the same facts as client.json, for a person to read or print. */
export function exportSummaryHtml(data: ClientData, org: SummaryOrganization): string {
  const { organizationName } = org;
  const when = dateTimeIn(org.timeZone);
  const timeline = (title: string, entries: { at: string; actor: string; summary: string }[]) =>
    section(
      title,
      table(
        ['When', 'Who', 'What'],
        entries.map((a) => [when(a.at), a.actor, a.summary]),
      ),
    );
  const c = data.client;
  const contact: [string, string | null][] = [
    ['Name', c.displayName],
    ['Company', c.companyName],
    ['Contact person', c.contactPerson],
    ['Email', c.email],
    ['Other emails', c.emails.filter((e) => e !== c.email).join(', ') || null],
    ['Phone', c.phone],
    ['Mobile', c.mobile],
    ['Billing address', address(c.billingAddress)],
    ['Shipping address', address(c.shippingAddress)],
    ['Source', c.source === 'quickbooks' ? 'QuickBooks' : 'Entered by staff'],
  ];
  const sections = [
    section(
      'Contact details',
      table(
        ['Field', 'Value'],
        contact.filter(([, v]) => v).map(([k, v]) => [k, v ?? '']),
      ),
    ),
    section(
      'Horses',
      table(
        ['Name', 'Role', 'Linked'],
        data.horses.map((h) => [h.name, h.role, day(h.linkedAt)]),
      ),
    ),
    section(
      'Staff notes',
      table(
        ['Written', 'By', 'Note'],
        data.notes.map((n) => [day(n.createdAt), n.author, n.body]),
      ),
    ),
    section(
      'Preferences',
      table(
        ['Preference', 'Value'],
        [
          ['Contact method', CONTACT_METHODS[data.preferences.contactMethod]],
          ['Newsletter', yesNo(data.preferences.newsletter)],
          ['Reminders', yesNo(data.preferences.remindersEnabled)],
          ['Notes', data.preferences.notes],
        ],
      ),
    ),
    section(
      'Client portal',
      table(
        ['Setting', 'Value'],
        [
          ['Portal access', yesNo(data.portal.enabled)],
          ['Sign-in email', data.portal.loginEmail ?? ''],
          ['Can view horses', yesNo(data.portal.canViewHorses)],
        ],
      ),
    ),
    section(
      'Documents',
      table(
        ['Name', 'Type', 'Size', 'Added', 'By', 'In the portal', 'File in this zip'],
        data.documents.map((d) => [
          d.name + (d.removedAt ? ' (removed, kept for undo)' : ''),
          d.type,
          formatFileSize(d.sizeBytes),
          day(d.addedAt),
          d.addedBy,
          yesNo(d.visibleInPortal),
          d.fileInZip,
        ]),
      ),
    ),
    timeline('Activity', data.activity),
    timeline('Access log', data.accessLog),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${esc(c.displayName)} — data held by ${esc(organizationName)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}
@media print{section{break-inside:avoid}}
</style></head><body>
<h1>${esc(c.displayName)}</h1>
<p>Everything ${esc(organizationName)} holds about this client in EquineOps Client Sync,
exported ${esc(when(data.exportedAt))} (${esc(org.timeZone)} time). The same data is in <code>client.json</code>; the documents are in the <code>documents</code> folder.</p>
${sections.join('\n')}
</body></html>
`;
}

function section(title: string, body: string): string {
  return `<section><h2>${esc(title)}</h2>${body}</section>`;
}

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p>None.</p>';
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

function address(
  a: {
    street: string | null;
    city: string | null;
    region: string | null;
    postalCode: string | null;
    country: string | null;
  } | null,
): string | null {
  if (!a) return null;
  const text = [a.street, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');
  return text || null;
}

const CONTACT_METHODS: Record<ClientData['preferences']['contactMethod'], string> = {
  email: 'Email',
  phone: 'Phone call',
  text: 'Text message',
  none: 'Do not contact',
};

/** "2026-03-02 09:00" on the organization's clock. */
function dateTimeIn(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => format.format(new Date(iso)).replace(',', '');
}

function yesNo(v: boolean): string {
  return v ? 'Yes' : 'No';
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
