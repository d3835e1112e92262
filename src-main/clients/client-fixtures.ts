import type { Insertable } from 'kysely';
import type { Client, ContactFields, ContactFieldsInput } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { ClientsTable } from '../db/schema';
import { indexClientsAfter } from '../db/search-index';
import { contactColumns } from './client-row-mapping';
import { getClient, insertClientRow } from './clients-repository';

/**
 * Clients for tests, the e2e fixture, benchmarks and the browser host's
 * `--seed-clients N`. Written straight to the database (as sync or import
 * would), indexed for search, with no activity entries.
 */

/** What New client sends when only the given fields are filled in. */
export function newClientInput(
  fields: Partial<ContactFieldsInput> & { displayName: string },
): ContactFieldsInput {
  return {
    givenName: null,
    familyName: null,
    companyName: null,
    contactPerson: null,
    email: null,
    phone: null,
    mobile: null,
    billingAddress: null,
    shippingAddress: null,
    customerType: null,
    ...fields,
  };
}

export const FIXTURE_REALM_ID = '9130350000000000';
const FIXTURE_TIME = '2026-01-05T09:00:00.000Z';

export interface ClientFixture extends Partial<ContactFields> {
  qbId?: string;
  realmId?: string;
  active?: boolean;
  inactiveReason?: string | null;
  archivedAt?: string | null;
  parentId?: number | null;
  fullyQualifiedName?: string | null;
  qbUpdatedAt?: string | null;
  lastSyncedAt?: string | null;
  createdAt?: string;
}

let nextQbId = 1;

/** A client that came from QuickBooks (source 'quickbooks'), with sensible defaults for what is left out. */
export async function insertQuickBooksClient(db: Db, fixture: ClientFixture = {}): Promise<Client> {
  const qbId = fixture.qbId ?? String(900_000 + nextQbId++);
  return insertFixture(db, 'quickbooks', {
    realmId: FIXTURE_REALM_ID,
    lastSyncedAt: FIXTURE_TIME,
    qbUpdatedAt: FIXTURE_TIME,
    ...fixture,
    qbId,
  });
}

/** A client created by hand (source 'manual'). */
export async function insertManualClient(db: Db, fixture: ClientFixture = {}): Promise<Client> {
  return insertFixture(db, 'manual', fixture);
}

async function insertFixture(
  db: Db,
  source: Client['source'],
  fixture: ClientFixture,
): Promise<Client> {
  const id = await insertClientRow(db, fixtureRow(source, fixture));
  return getClient(db, id);
}

function fixtureRow(source: Client['source'], f: ClientFixture): Insertable<ClientsTable> {
  const createdAt = f.createdAt ?? FIXTURE_TIME;
  return {
    source,
    qb_id: source === 'quickbooks' ? (f.qbId ?? null) : null,
    realm_id: source === 'quickbooks' ? (f.realmId ?? FIXTURE_REALM_ID) : null,
    ...contactColumns({
      displayName: f.displayName ?? 'Test Client',
      givenName: f.givenName ?? null,
      familyName: f.familyName ?? null,
      companyName: f.companyName ?? null,
      contactPerson: f.contactPerson ?? null,
      email: f.email ?? null,
      phone: f.phone ?? null,
      mobile: f.mobile ?? null,
      billingAddress: f.billingAddress ?? null,
      shippingAddress: f.shippingAddress ?? null,
      customerType: f.customerType ?? null,
    }),
    active: f.active === false ? 0 : 1,
    inactive_reason: f.inactiveReason ?? null,
    archived_at: f.archivedAt ?? null,
    parent_id: f.parentId ?? null,
    fully_qualified_name:
      f.fullyQualifiedName ?? (source === 'quickbooks' ? (f.displayName ?? null) : null),
    qb_updated_at: source === 'quickbooks' ? (f.qbUpdatedAt ?? null) : null,
    last_synced_at: source === 'quickbooks' ? (f.lastSyncedAt ?? null) : null,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

const GIVEN = [
  'Emma',
  'Olivia',
  'Ava',
  'Sophia',
  'Isabella',
  'Mia',
  'Charlotte',
  'Amelia',
  'Harper',
  'Evelyn',
  'Liam',
  'Noah',
  'William',
  'James',
  'Oliver',
  'Benjamin',
  'Elijah',
  'Lucas',
  'Mason',
  'Logan',
  'Zoë',
  'José',
  'Renée',
  'Chloé',
  'Søren',
  'Ana',
  'Marguerite',
  'Hannah',
  'Grace',
  'Nora',
  'Caroline',
  'Julia',
  'Henry',
  'Samuel',
  'Daniel',
  'Matthew',
  'Jack',
  'Owen',
  'Wyatt',
  'Claire',
];
const FAMILY = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernández',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Pérez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  "O'Brien",
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Lefèvre',
  'Müller',
  'Østergaard',
  'Dubois',
  'Kowalski',
  'Fitzgerald',
  'Whitaker',
  'Hollis',
  'Ashford',
  'Pemberton',
];
const PLACES = [
  'Oak',
  'Willow',
  'Maple',
  'Cedar',
  'Sunny',
  'Meadow',
  'Silver',
  'River',
  'Hill',
  'Stone',
  'Briar',
  'Fox',
];
const KINDS = [
  'Farm',
  'Stables',
  'Equestrian Center',
  'Riding Club',
  'Ranch',
  'Acres',
  'Hollow',
  'Downs',
];
const DOMAINS = ['example.com', 'mail.example', 'barnmail.example', 'horsemail.example'];
const CITIES = ['Lexington', 'Ocala', 'Wellington', 'Middleburg', 'Aiken', 'Southern Pines'];

/** A small seeded generator: the same seed gives the same clients on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Inserts `count` realistic clients in one transaction (about 7 in 10 from
 * QuickBooks, some companies, some without email, a few inactive or archived),
 * indexed for search. 50,000 take a couple of seconds.
 */
export async function insertManyClients(
  db: Db,
  count: number,
  seed = 1,
): Promise<{ firstId: number; lastId: number }> {
  const run = async (trx: Db) => {
    const before = await trx
      .selectFrom('clients')
      .select((eb) => [eb.fn.max('id').as('maxId'), eb.fn.countAll<number>().as('n')])
      .executeTakeFirstOrThrow();
    const startId = Number(before.maxId ?? 0);
    const qbBase = 100_000 + Number(before.n) + seed * 1_000_000;
    const random = seededRandom(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const rows: Insertable<ClientsTable>[] = [];
    for (let i = 0; i < count; i++) rows.push(generatedClient(i, qbBase, random, pick));

    // 37 columns a row: 500 rows stay under SQLite's limit of bound values.
    for (let start = 0; start < rows.length; start += 500) {
      await trx
        .insertInto('clients')
        .values(rows.slice(start, start + 500))
        .execute();
    }
    const lastId = await indexClientsAfter(trx, startId);
    return { firstId: startId + 1, lastId };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

function generatedClient(
  i: number,
  qbBase: number,
  random: () => number,
  pick: <T>(list: readonly T[]) => T,
): Insertable<ClientsTable> {
  const fromQuickBooks = random() < 0.7;
  const isCompany = random() < 0.15;
  const given = pick(GIVEN);
  const family = pick(FAMILY);
  const company = isCompany ? `${pick(PLACES)} ${pick(PLACES)} ${pick(KINDS)}` : null;
  // A number keeps display names unique, as QuickBooks requires.
  const displayName =
    company ?? (random() < 0.3 ? `${family}, ${given} ${i}` : `${given} ${family} ${i}`);
  const email = random() < 0.85 ? `${fold(given)}.${fold(family)}${i}@${pick(DOMAINS)}` : null;
  const area = 200 + Math.floor(random() * 700);
  const line = String(Math.floor(random() * 10_000)).padStart(4, '0');
  const exchange = 200 + Math.floor(random() * 700);
  const phoneFormats = [
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `+1 ${area} ${exchange} ${line}`,
    `${area}.${exchange}.${line}`,
  ];
  const phone = random() < 0.9 ? pick(phoneFormats) : null;
  const mobile =
    random() < 0.4
      ? `${200 + Math.floor(random() * 700)}-555-${String(i % 10_000).padStart(4, '0')}`
      : null;
  const created = new Date(
    Date.UTC(2020, 0, 1) + Math.floor(random() * 5 * 365 * 86_400_000),
  ).toISOString();
  const roll = random();
  return {
    source: fromQuickBooks ? 'quickbooks' : 'manual',
    qb_id: fromQuickBooks ? String(qbBase + i) : null,
    realm_id: fromQuickBooks ? FIXTURE_REALM_ID : null,
    ...contactColumns({
      displayName,
      givenName: company ? null : given,
      familyName: company ? null : family,
      companyName: company,
      contactPerson: company ? `${given} ${family}` : null,
      email,
      phone,
      mobile,
      billingAddress: {
        street: `${1 + Math.floor(random() * 9000)} ${pick(PLACES)} Road`,
        city: pick(CITIES),
        region: pick(['KY', 'FL', 'VA', 'SC', 'NC']),
        postalCode: String(10_000 + Math.floor(random() * 89_999)),
        country: 'USA',
      },
      shippingAddress: null,
      customerType: random() < 0.5 ? pick(['Boarder', 'Lesson', 'Training', 'Show']) : null,
    }),
    active: fromQuickBooks && roll < 0.05 ? 0 : 1,
    inactive_reason: fromQuickBooks && roll < 0.05 ? 'Made inactive in QuickBooks' : null,
    archived_at: !fromQuickBooks && roll < 0.02 ? created : null,
    fully_qualified_name: fromQuickBooks ? displayName : null,
    qb_updated_at: fromQuickBooks ? created : null,
    last_synced_at: fromQuickBooks ? FIXTURE_TIME : null,
    created_at: created,
    updated_at: created,
  };
}
