import type { CompanyStore } from '../company/store.js';
import { formatQboTime } from '../time-format.js';

/** CompanyInfo as QBO returns it, trimmed to fields a connector shows. */
export function companyInfo(store: CompanyStore, createdMs: number) {
  return {
    CompanyName: store.companyName,
    LegalName: `${store.companyName} LLC`,
    CompanyAddr: {
      Id: '1',
      Line1: '1200 Paddock Ln',
      City: 'Ocala',
      CountrySubDivisionCode: 'FL',
      PostalCode: '34471',
      Country: 'US',
    },
    CustomerCommunicationAddr: {
      Id: '1',
      Line1: '1200 Paddock Ln',
      City: 'Ocala',
      CountrySubDivisionCode: 'FL',
      PostalCode: '34471',
    },
    LegalAddr: {
      Id: '1',
      Line1: '1200 Paddock Ln',
      City: 'Ocala',
      CountrySubDivisionCode: 'FL',
      PostalCode: '34471',
    },
    PrimaryPhone: { FreeFormNumber: '(352) 555-0100' },
    CompanyStartDate: formatQboTime(createdMs).slice(0, 10),
    FiscalYearStartMonth: 'January',
    Country: 'US',
    Email: { Address: 'office@sunnyacres.example' },
    WebAddr: {},
    SupportedLanguages: 'en',
    NameValue: [
      { Name: 'NeoEnabled', Value: 'true' },
      { Name: 'IndustryType', Value: 'Horse boarding and training' },
      { Name: 'SubscriptionStatus', Value: 'SUBSCRIBED' },
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
    ],
    domain: 'QBO',
    sparse: false,
    Id: store.realmId,
    SyncToken: '4',
    MetaData: { CreateTime: formatQboTime(createdMs), LastUpdatedTime: formatQboTime(createdMs) },
  };
}
