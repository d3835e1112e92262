/** The Customer entity as QBO's v3 JSON API returns it (the fields the sandbox models). */
export interface QboAddress {
  Id?: string;
  Line1?: string;
  Line2?: string;
  Line3?: string;
  Line4?: string;
  Line5?: string;
  City?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
  Country?: string;
}

export interface QboRef {
  value: string;
  name?: string;
}

export interface QboCustomer {
  Id: string;
  SyncToken: string;
  DisplayName: string;
  Title?: string;
  GivenName?: string;
  MiddleName?: string;
  FamilyName?: string;
  CompanyName?: string;
  PrintOnCheckName?: string;
  PrimaryEmailAddr?: { Address: string };
  PrimaryPhone?: { FreeFormNumber: string };
  Mobile?: { FreeFormNumber: string };
  BillAddr?: QboAddress;
  ShipAddr?: QboAddress;
  CustomerTypeRef?: QboRef;
  Notes?: string;
  Active: boolean;
  Job: boolean;
  BillWithParent: boolean;
  ParentRef?: QboRef;
  Level?: number;
  FullyQualifiedName: string;
  Taxable: boolean;
  Balance: number;
  BalanceWithJobs: number;
  CurrencyRef: QboRef;
  PreferredDeliveryMethod: string;
  domain: 'QBO';
  sparse: false;
  MetaData: { CreateTime: string; LastUpdatedTime: string };
}

/** What CDC reports for a deleted or merged-away customer: only Id and MetaData survive. */
export interface DeletedCustomer {
  Id: string;
  status: 'Deleted';
  domain: 'QBO';
  MetaData: { LastUpdatedTime: string };
}

/** Internally the millisecond times ride along so filters don't reparse strings. */
export interface StoredCustomer {
  data: QboCustomer;
  createdMs: number;
  updatedMs: number;
  /** `JSON.stringify(data)` as UTF-8, rewritten on every change (see customer-json.ts). */
  json?: Buffer;
}

export interface Tombstone {
  id: string;
  deletedMs: number;
}

export const CUSTOMER_TYPES: readonly QboRef[] = [
  { value: '100000000000000101', name: 'Boarding' },
  { value: '100000000000000102', name: 'Lessons' },
  { value: '100000000000000103', name: 'Training' },
  { value: '100000000000000104', name: 'Show Team' },
  { value: '100000000000000105', name: 'Vet Referral' },
];

export const USD: QboRef = { value: 'USD', name: 'United States Dollar' };
