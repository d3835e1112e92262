import { createPrng, type Prng } from '../prng.js';
import { formatQboTime } from '../time-format.js';
import {
  CUSTOMER_TYPES,
  USD,
  type QboAddress,
  type QboCustomer,
  type StoredCustomer,
} from './customer.js';
import {
  BUSINESS_KINDS,
  BUSINESS_SUFFIXES,
  BUSINESS_WORDS,
  EMAIL_DOMAINS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  PLACES,
  STREETS,
  SUB_CUSTOMER_NAMES,
  UNICODE_FAMILY_NAMES,
  UNICODE_GIVEN_NAMES,
} from './seed-names.js';

export interface SeedOptions {
  count: number;
  seed: number;
  /** Sandbox "now": every seeded time lies before it. */
  nowMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_MS = 3 * 365 * DAY_MS;

/**
 * Builds a company's customers. Ids follow creation order like real QBO, and
 * the mix (sub-customers, ~5% inactive, missing contacts, unicode, very long
 * names, shared household emails) mirrors what barns actually have.
 */
export function seedCustomers({ count, seed, nowMs }: SeedOptions): StoredCustomer[] {
  const rng = createPrng(seed);
  const out: StoredCustomer[] = [];
  const usedNames = new NameBook();
  const start = nowMs - HISTORY_MS;

  for (let i = 0; i < count; i++) {
    const id = String(i + 1);
    // Spread creation over three years in Id order, leaving the last day free.
    const createdMs = Math.floor(start + ((HISTORY_MS - DAY_MS) * i) / Math.max(count, 1));
    const updatedMs = pickUpdatedMs(rng, createdMs, nowMs);
    const parent = i > 0 && rng.chance(0.08) ? pickParent(rng, out) : undefined;
    const customer = parent
      ? subCustomer(rng, id, parent.data, usedNames)
      : rng.chance(0.3)
        ? business(rng, id, usedNames)
        : individual(rng, id, usedNames);
    if (!parent && rng.chance(0.05)) customer.Active = false;
    customer.SyncToken = String(rng.int(0, 6));
    customer.MetaData = {
      CreateTime: formatQboTime(createdMs),
      LastUpdatedTime: formatQboTime(updatedMs),
    };
    out.push({ data: customer, createdMs, updatedMs });
  }
  return out;
}

function pickUpdatedMs(rng: Prng, createdMs: number, nowMs: number): number {
  if (rng.chance(0.35)) return createdMs;
  // Recent edits are common so CDC and incremental sync have something to find.
  if (rng.chance(0.15)) return Math.max(createdMs, nowMs - rng.int(1, 29 * 24 * 60) * 60_000);
  return createdMs + Math.floor(rng.next() * (nowMs - DAY_MS - createdMs));
}

function pickParent(rng: Prng, existing: StoredCustomer[]): StoredCustomer | undefined {
  // Look back a little so families stay close in Id order, as when entered together.
  const from = Math.max(0, existing.length - 50);
  const candidate = existing[rng.int(from, existing.length - 1)];
  if (!candidate || (candidate.data.Level ?? 0) >= 2) return undefined;
  return candidate;
}

function base(id: string, displayName: string): QboCustomer {
  return {
    Id: id,
    SyncToken: '0',
    DisplayName: displayName,
    PrintOnCheckName: displayName,
    Active: true,
    Job: false,
    BillWithParent: false,
    FullyQualifiedName: displayName,
    Taxable: false,
    Balance: 0,
    BalanceWithJobs: 0,
    CurrencyRef: USD,
    PreferredDeliveryMethod: 'Print',
    domain: 'QBO',
    sparse: false,
    MetaData: { CreateTime: '', LastUpdatedTime: '' },
  };
}

/** Tracks names in use and the next free "(n)" suffix per base name, as offices number duplicates. */
class NameBook {
  private readonly used = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  claim(wanted: string): string {
    let name = wanted;
    let n = this.nextSuffix.get(wanted) ?? 2;
    while (this.used.has(name)) name = `${wanted} (${n++})`;
    this.nextSuffix.set(wanted, n);
    this.used.add(name);
    return name;
  }
}

const asciiCache = new Map<string, string>();

/** Email-safe local part; names repeat, so results are memoised. */
function asciiLocal(text: string): string {
  const hit = asciiCache.get(text);
  if (hit !== undefined) return hit;
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
  const result = folded || 'client';
  if (asciiCache.size < 10_000) asciiCache.set(text, result);
  return result;
}

function phone(rng: Prng): string {
  const n = (digits: number) => String(rng.int(0, 10 ** digits - 1)).padStart(digits, '0');
  // Real books hold phones in whatever format staff typed.
  switch (rng.int(0, 3)) {
    case 0:
      return `(${rng.int(201, 989)}) ${rng.int(200, 999)}-${n(4)}`;
    case 1:
      return `${rng.int(201, 989)}-${rng.int(200, 999)}-${n(4)}`;
    case 2:
      return `${rng.int(201, 989)}.${rng.int(200, 999)}.${n(4)}`;
    default:
      return `+1 ${rng.int(201, 989)} ${rng.int(200, 999)} ${n(4)}`;
  }
}

function address(rng: Prng, id: string): QboAddress {
  const place = rng.pick(PLACES);
  const addr: QboAddress = {
    Id: id,
    Line1: `${rng.int(1, 29999)} ${rng.pick(STREETS)}`,
    City: place.City,
    CountrySubDivisionCode: place.CountrySubDivisionCode,
    PostalCode: place.PostalCode,
  };
  if (rng.chance(0.15)) addr.Line2 = `Barn ${rng.int(1, 12)}`;
  if (rng.chance(0.5)) addr.Country = 'USA';
  return addr;
}

function contacts(rng: Prng, c: QboCustomer, emailBase: string): void {
  if (rng.chance(0.88)) {
    const first = `${emailBase}@${rng.pick(EMAIL_DOMAINS)}`;
    // Some offices keep two addresses in the one field, comma separated.
    c.PrimaryEmailAddr = {
      Address: rng.chance(0.04)
        ? `${first}, ${emailBase}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`
        : first,
    };
  }
  if (rng.chance(0.85)) c.PrimaryPhone = { FreeFormNumber: phone(rng) };
  if (rng.chance(0.3)) c.Mobile = { FreeFormNumber: phone(rng) };
  if (rng.chance(0.8)) {
    const addrId = String(Number(c.Id) * 2);
    c.BillAddr = address(rng, addrId);
    if (rng.chance(0.25)) c.ShipAddr = address(rng, String(Number(c.Id) * 2 + 1));
    else if (rng.chance(0.3)) c.ShipAddr = { ...c.BillAddr, Id: String(Number(c.Id) * 2 + 1) };
  }
  if (rng.chance(0.6)) c.CustomerTypeRef = { ...rng.pick(CUSTOMER_TYPES) };
  if (rng.chance(0.4)) {
    c.Balance = rng.int(1, 500_000) / 100;
    c.BalanceWithJobs = c.Balance;
  }
}

function individual(rng: Prng, id: string, used: NameBook): QboCustomer {
  const unicode = rng.chance(0.06);
  let given: string = unicode ? rng.pick(UNICODE_GIVEN_NAMES) : rng.pick(GIVEN_NAMES);
  let family: string = unicode ? rng.pick(UNICODE_FAMILY_NAMES) : rng.pick(FAMILY_NAMES);
  if (rng.chance(0.005)) {
    // Very long names: QBO allows 100 characters per name part.
    given =
      `${given} ${rng.pick(GIVEN_NAMES)} ${rng.pick(GIVEN_NAMES)} Alexandrina-Maximiliana`.slice(
        0,
        100,
      );
    family =
      `${family}-${rng.pick(FAMILY_NAMES)}-${rng.pick(FAMILY_NAMES)} de la Montaña y Wolfeschlegelsteinhausen`.slice(
        0,
        100,
      );
  }
  const middle = rng.chance(0.75) ? String.fromCharCode(65 + rng.int(0, 25)) : '';
  const c = base(id, used.claim(middle ? `${given} ${middle}. ${family}` : `${given} ${family}`));
  c.GivenName = given;
  if (middle) c.MiddleName = middle;
  c.FamilyName = family;
  if (rng.chance(0.1)) c.Title = rng.pick(['Dr.', 'Mrs.', 'Mr.', 'Ms.']);
  contacts(rng, c, `${asciiLocal(given)}.${asciiLocal(family)}`);
  return c;
}

function business(rng: Prng, id: string, used: NameBook): QboCustomer {
  let name = `${rng.pick(BUSINESS_WORDS)} ${rng.pick(BUSINESS_WORDS)} ${rng.pick(BUSINESS_KINDS)}${rng.pick(BUSINESS_SUFFIXES)}`;
  if (rng.chance(0.03)) name = `Écurie ${rng.pick(BUSINESS_WORDS)} & Söhne 马术俱乐部`;
  if (rng.chance(0.005)) {
    name = `${name} and ${rng.pick(BUSINESS_WORDS)} ${rng.pick(BUSINESS_KINDS)} Holdings of the Greater Tri-County Area Incorporated`;
  }
  const c = base(id, used.claim(name));
  c.CompanyName = name.slice(0, 100);
  // Businesses usually have a contact person; some don't.
  if (rng.chance(0.7)) {
    c.GivenName = rng.pick(GIVEN_NAMES);
    c.FamilyName = rng.pick(FAMILY_NAMES);
  }
  contacts(rng, c, rng.chance(0.5) ? 'office' : asciiLocal(name).slice(0, 20));
  if (c.PrimaryEmailAddr && c.PrimaryEmailAddr.Address.startsWith('office@')) {
    c.PrimaryEmailAddr.Address = `office@${asciiLocal(name).slice(0, 20)}.com`;
  }
  return c;
}

function subCustomer(rng: Prng, id: string, parent: QboCustomer, used: NameBook): QboCustomer {
  const own = rng.chance(0.5) ? rng.pick(SUB_CUSTOMER_NAMES) : rng.pick(GIVEN_NAMES);
  const c = base(id, used.claim(`${own} - ${parent.DisplayName}`.slice(0, 100)));
  c.Job = true;
  c.BillWithParent = rng.chance(0.6);
  c.ParentRef = { value: parent.Id };
  c.Level = (parent.Level ?? 0) + 1;
  c.FullyQualifiedName = `${parent.FullyQualifiedName}:${c.DisplayName}`;
  c.GivenName = own;
  if (parent.FamilyName) c.FamilyName = parent.FamilyName;
  c.Active = parent.Active;
  contacts(rng, c, asciiLocal(own));
  // Households: the sub-customer usually reuses the parent's email.
  if (parent.PrimaryEmailAddr && rng.chance(0.7))
    c.PrimaryEmailAddr = { ...parent.PrimaryEmailAddr };
  return c;
}
