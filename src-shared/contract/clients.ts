import { z } from 'zod';
import { call } from './define';
import { ClientId, IsoDateTime } from './common';
import { ClientHistoryEntry } from './client-history';

export { ClientHistoryEntry } from './client-history';

export const ClientSource = z.enum(['quickbooks', 'manual']);
export type ClientSource = z.infer<typeof ClientSource>;

export const ClientStatus = z.enum(['active', 'inactive', 'archived']);
export type ClientStatus = z.infer<typeof ClientStatus>;

/** A row's version as a form loaded it: 0 for preferences nobody has saved yet. */
export const RowVersion = z.number().int().min(0);

export const Address = z.object({
  street: z.string().max(500).nullable(),
  city: z.string().max(255).nullable(),
  region: z.string().max(255).nullable(),
  postalCode: z.string().max(30).nullable(),
  country: z.string().max(255).nullable(),
});
export type Address = z.infer<typeof Address>;

/**
 * The one email rule, applied by the New client form, the core and the CSV
 * import alike: the ends are trimmed, nothing inside is ever removed, so a
 * client is never stored with an address nobody typed.
 */
export const NOT_A_VALID_EMAIL = 'not a valid email address';
export const TWO_EMAILS_IN_ONE_CELL = 'two addresses in one cell: keep one';

/** Why a (trimmed, non-empty) email value cannot be stored, or null when it can. */
export function emailProblem(value: string): string | null {
  const text = value.trim();
  const parts = text.split(/[,;]/).map((part) => part.trim());
  if (parts.filter((part) => part.includes('@')).length > 1) return TWO_EMAILS_IN_ONE_CELL;
  if (/\s/.test(text) && text.split(/\s+/).filter((part) => part.includes('@')).length > 1)
    return TWO_EMAILS_IN_ONE_CELL;
  return validEmail.safeParse(text).success ? null : NOT_A_VALID_EMAIL;
}
const validEmail = z.email();

/**
 * A refused email said word for word alike by the New client form, the core
 * and the import's red row: 'Not a valid email address: "mary smith@example.com"',
 * 'Two addresses in one cell: keep one ("a@x.com, b@x.com")'.
 */
export function emailProblemMessage(problem: string, typed: string): string {
  const sentence = problem[0]!.toUpperCase() + problem.slice(1);
  return problem === TWO_EMAILS_IN_ONE_CELL
    ? `${sentence} ("${typed}")`
    : `${sentence}: "${typed}"`;
}

const EmailAddress = z
  .string()
  .trim()
  .max(320)
  .superRefine((value, ctx) => {
    const problem = emailProblem(value);
    if (problem === null) return;
    ctx.addIssue({ code: 'custom', message: emailProblemMessage(problem, value) });
  });

/** The contact fields QuickBooks owns for its customers (read-only here). */
export const ContactFields = z.object({
  displayName: z.string().trim().min(1, 'Name is required').max(500),
  givenName: z.string().trim().max(255).nullable(),
  familyName: z.string().trim().max(255).nullable(),
  companyName: z.string().trim().max(500).nullable(),
  contactPerson: z.string().trim().max(255).nullable(),
  email: z
    .literal('')
    .transform(() => null)
    .or(EmailAddress)
    .nullable(),
  phone: z.string().trim().max(50).nullable(),
  mobile: z.string().trim().max(50).nullable(),
  billingAddress: Address.nullable(),
  shippingAddress: Address.nullable(),
  customerType: z.string().trim().max(255).nullable(),
});
export type ContactFields = z.infer<typeof ContactFields>;
export type ContactFieldsInput = z.input<typeof ContactFields>;
export const contactFieldNames = Object.keys(ContactFields.shape) as (keyof ContactFields)[];

export const Client = z.object({
  id: ClientId,
  source: ClientSource,
  qbId: z.string().nullable(),
  realmId: z.string().nullable(),
  displayName: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  companyName: z.string().nullable(),
  contactPerson: z.string().nullable(),
  email: z.string().nullable(),
  /**
   * Every address of the client, the first being `email` (the primary): a
   * QuickBooks customer's email box may hold several ("a@x.com, b@x.com").
   */
  emails: z.array(z.string()),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  billingAddress: Address.nullable(),
  shippingAddress: Address.nullable(),
  customerType: z.string().nullable(),
  active: z.boolean(),
  inactiveReason: z.string().nullable(),
  archivedAt: IsoDateTime.nullable(),
  parentId: ClientId.nullable(),
  parentName: z.string().nullable(),
  fullyQualifiedName: z.string().nullable(),
  qbUpdatedAt: IsoDateTime.nullable(),
  lastSyncedAt: IsoDateTime.nullable(),
  mergedIntoId: ClientId.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Link to the customer in QuickBooks Online, for QuickBooks clients. */
  quickBooksUrl: z.string().nullable(),
  /**
   * Moves on with every change to the row. A form sends back the version it
   * loaded, and the save is refused (edit_conflict) if someone saved since.
   */
  version: RowVersion,
});
export type Client = z.infer<typeof Client>;

/** A row of the Clients table: enough to draw it, nothing more. */
export const ClientRow = Client.pick({
  id: true,
  source: true,
  qbId: true,
  displayName: true,
  companyName: true,
  email: true,
  phone: true,
  mobile: true,
  active: true,
  archivedAt: true,
  lastSyncedAt: true,
  parentName: true,
}).extend({ horseCount: z.number().int() });
export type ClientRow = z.infer<typeof ClientRow>;

export const ClientSortField = z.enum([
  'name',
  'email',
  'phone',
  'source',
  'lastSynced',
  'created',
]);
export type ClientSortField = z.infer<typeof ClientSortField>;

export const ListClientsInput = z.object({
  search: z.string().max(200).default(''),
  status: ClientStatus.default('active'),
  source: z.enum(['all', 'quickbooks', 'manual']).default('all'),
  sort: ClientSortField.default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListClientsInput = z.input<typeof ListClientsInput>;

export const ClientPage = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(ClientRow),
});
export type ClientPage = z.infer<typeof ClientPage>;

export const Horse = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  breed: z.string().nullable(),
  color: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  createdAt: IsoDateTime,
});
export type Horse = z.infer<typeof Horse>;

export const HorseInput = z.object({
  name: z.string().trim().min(1, 'Horse name is required').max(255),
  breed: z.string().trim().max(255).nullable().default(null),
  color: z.string().trim().max(255).nullable().default(null),
  birthYear: z.number().int().min(1950).max(2100).nullable().default(null),
});

export const HorseLink = Horse.extend({ linkedAt: IsoDateTime, role: z.string() });
export type HorseLink = z.infer<typeof HorseLink>;

export const StaffNote = z.object({
  id: z.number().int().positive(),
  clientId: ClientId,
  author: z.string(),
  body: z.string(),
  createdAt: IsoDateTime,
  copiedFromClientId: ClientId.nullable(),
});
export type StaffNote = z.infer<typeof StaffNote>;

/** How long a deleted staff note can be brought back before it is purged for good. */
export const NOTE_UNDO_DAYS = 30;

/** A deleted note still inside its undo window. */
export const DeletedNote = StaffNote.extend({
  deletedAt: IsoDateTime,
  deletedBy: z.string(),
  restorableUntil: IsoDateTime,
});
export type DeletedNote = z.infer<typeof DeletedNote>;

export const PortalSettings = z.object({
  enabled: z.boolean(),
  loginEmail: z.string().nullable(),
  canViewHorses: z.boolean(),
  updatedAt: IsoDateTime.nullable(),
});
export type PortalSettings = z.infer<typeof PortalSettings>;

export const ContactMethod = z.enum(['email', 'phone', 'text', 'none']);
export const ClientPreferences = z.object({
  contactMethod: ContactMethod,
  newsletter: z.boolean(),
  remindersEnabled: z.boolean(),
  notes: z.string().max(2000),
});
export type ClientPreferences = z.infer<typeof ClientPreferences>;

/** Preferences as stored, with the version a save must send back. */
export const SavedPreferences = ClientPreferences.extend({ version: RowVersion });
export type SavedPreferences = z.infer<typeof SavedPreferences>;

export const ActivityEntry = z.object({
  id: z.number().int().positive(),
  at: IsoDateTime,
  actor: z.string(),
  action: z.string(),
  summary: z.string(),
  clientId: ClientId.nullable(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const ClientDetail = z.object({
  client: Client,
  horses: z.array(HorseLink),
  notes: z.array(StaffNote),
  /** Deleted notes that can still be restored (from the profile's Activity). */
  deletedNotes: z.array(DeletedNote),
  portal: PortalSettings,
  preferences: ClientPreferences,
  /** The preferences' version for the next save: 0 while nobody has saved them. */
  preferencesVersion: RowVersion,
  /** Staff actions, sync changes and imports of this client, newest first. */
  activity: z.array(ClientHistoryEntry),
});
export type ClientDetail = z.infer<typeof ClientDetail>;

/** What "New client" has typed so far, checked against the clients already here. */
export const ContactMatchQuery = z.object({
  email: z.string().max(320).nullable(),
  phone: z.string().max(50).nullable(),
  mobile: z.string().max(50).nullable(),
});
export type ContactMatchQuery = z.infer<typeof ContactMatchQuery>;

/** A client that already has the email or phone being typed. */
export const ContactMatch = z.object({
  id: ClientId,
  displayName: z.string(),
  source: ClientSource,
  active: z.boolean(),
  field: z.enum(['email', 'phone']),
  /** The client's own email or phone that matched. */
  value: z.string(),
});
export type ContactMatch = z.infer<typeof ContactMatch>;

const ById = z.object({ id: ClientId });

export const clientsContract = {
  'clients.list': call(ListClientsInput, ClientPage),
  'clients.get': call(ById, ClientDetail),
  'clients.create': call(ContactFields, Client),
  'clients.contactMatches': call(ContactMatchQuery, z.array(ContactMatch)),
  'clients.update': call(
    z.object({
      id: ClientId,
      fields: ContactFields.partial(),
      /**
       * `client.version` as the form loaded it: a save someone else's has
       * overtaken is refused. Scripts and tests that mean "whatever is there
       * now" leave it out; the app's forms always send it.
       */
      version: RowVersion.optional(),
    }),
    Client,
  ),
  'clients.archive': call(ById, Client),
  'clients.restore': call(ById, Client),
  'horses.list': call(z.object({ search: z.string().max(200).default('') }), z.array(Horse)),
  'horses.create': call(HorseInput, Horse),
  'horses.link': call(
    z.object({
      clientId: ClientId,
      horseId: z.number().int().positive(),
      role: z.string().trim().max(50).default('Owner'),
    }),
    z.array(HorseLink),
  ),
  'horses.unlink': call(
    z.object({ clientId: ClientId, horseId: z.number().int().positive() }),
    z.array(HorseLink),
  ),
  'notes.add': call(
    z.object({
      clientId: ClientId,
      body: z.string().trim().min(1, 'A note cannot be empty').max(10_000),
    }),
    StaffNote,
  ),
  'notes.delete': call(z.object({ id: z.number().int().positive() }), DeletedNote),
  'notes.restore': call(z.object({ id: z.number().int().positive() }), StaffNote),
  'portal.update': call(
    z.object({
      clientId: ClientId,
      enabled: z.boolean(),
      canViewHorses: z.boolean().default(true),
    }),
    PortalSettings,
  ),
  'preferences.update': call(
    z.object({
      clientId: ClientId,
      preferences: ClientPreferences,
      /** `preferencesVersion` as the form loaded it (0: none saved yet); left out, as for clients.update. */
      version: RowVersion.optional(),
    }),
    SavedPreferences,
  ),
} as const;
