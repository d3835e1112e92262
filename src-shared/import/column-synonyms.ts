import type { ColumnMapping, ImportField } from '../contract/import';

/**
 * Auto-mapping of CSV columns from their headers: the names people and
 * QuickBooks' own customer-list export give them, in English, German, French
 * and Spanish, and Outlook's and Google Contacts' exports. Headers are
 * compared folded ("E-mail Address" → "e mail address", "Phone #" → "phone",
 * "Prénom" → "prenom").
 */

type SynonymList = Partial<Record<ImportField, readonly string[]>>;

const english: SynonymList = {
  name: [
    'name',
    'client',
    'client name',
    'customer',
    'customer name',
    'customer full name',
    'full name',
    'display name',
    'contact name',
    'owner',
    'owner name',
  ],
  firstName: ['first name', 'first', 'firstname', 'given name', 'fname', 'forename'],
  lastName: ['last name', 'last', 'lastname', 'surname', 'family name', 'lname'],
  company: [
    'company',
    'company name',
    'business',
    'business name',
    'organization',
    'organisation',
    'farm',
    'barn',
  ],
  email: [
    'email',
    'e mail',
    'email address',
    'e mail address',
    'main email',
    'primary email',
    'email addresses',
    'mail',
  ],
  phone: [
    'phone',
    'phone number',
    'phone numbers',
    'telephone',
    'tel',
    'main phone',
    'primary phone',
    'home phone',
    'work phone',
    'phone no',
  ],
  mobile: [
    'mobile',
    'cell',
    'cell phone',
    'cellphone',
    'mobile phone',
    'mobile number',
    'cell number',
  ],
  street: [
    'street',
    'address',
    'street address',
    'address 1',
    'address line 1',
    'address1',
    'mailing address',
    'billing street',
    'billing address',
    'billing address line 1',
    'billing address 1',
  ],
  city: ['city', 'town', 'billing city'],
  region: [
    'state',
    'province',
    'region',
    'state province',
    'billing state',
    'billing province',
    'st',
  ],
  postalCode: [
    'zip',
    'zip code',
    'zipcode',
    'postal code',
    'postcode',
    'zip postal code',
    'billing zip',
    'billing zip code',
    'billing postal code',
  ],
  country: ['country', 'billing country'],
  horses: ['horses', 'horse', 'horse name', 'horse names', 'horse s'],
  notes: ['notes', 'note', 'comments', 'comment', 'memo', 'remarks'],
};

const german: SynonymList = {
  name: ['kunde', 'kundenname', 'vollstandiger name', 'kontakt', 'kontaktname', 'besitzer'],
  firstName: ['vorname'],
  lastName: ['nachname', 'familienname'],
  company: ['firma', 'firmenname', 'unternehmen', 'betrieb', 'hof', 'stall'],
  email: ['e mail adresse', 'email adresse', 'emailadresse', 'mailadresse'],
  phone: ['telefon', 'telefonnummer', 'festnetz', 'telefon geschaftlich', 'telefon privat'],
  mobile: ['handy', 'handynummer', 'mobil', 'mobiltelefon', 'mobilnummer'],
  street: ['straße', 'strasse', 'straße und hausnummer', 'strasse und hausnummer', 'anschrift'],
  city: ['ort', 'stadt', 'wohnort'],
  region: ['bundesland', 'kanton'],
  postalCode: ['plz', 'postleitzahl'],
  country: ['land'],
  horses: ['pferd', 'pferde', 'pferdename', 'pferdenamen'],
  notes: ['notiz', 'notizen', 'bemerkung', 'bemerkungen', 'anmerkungen', 'kommentar'],
};

const french: SynonymList = {
  name: ['nom complet', 'nom du client', 'proprietaire'],
  firstName: ['prenom'],
  // "Nom" beside "Prénom" is the family name; alone, it still becomes the client's whole name.
  lastName: ['nom', 'nom de famille'],
  company: ['societe', 'entreprise', 'raison sociale', 'ecurie', 'haras'],
  email: ['courriel', 'adresse courriel', 'adresse e mail', 'adresse email', 'mel'],
  phone: ['telephone', 'numero de telephone', 'telephone fixe', 'tel fixe'],
  mobile: ['portable', 'telephone portable', 'tel portable', 'cellulaire'],
  street: ['adresse', 'rue', 'adresse postale'],
  city: ['ville', 'commune', 'localite'],
  region: ['departement'],
  postalCode: ['code postal', 'cp'],
  country: ['pays'],
  horses: ['cheval', 'chevaux', 'nom du cheval'],
  notes: ['remarques', 'commentaires', 'observations'],
};

const spanish: SynonymList = {
  name: ['nombre completo', 'nombre del cliente', 'propietario'],
  // "Nombre" beside "Apellidos" is the given name; alone, it still becomes the client's whole name.
  firstName: ['nombre'],
  lastName: ['apellido', 'apellidos'],
  company: ['empresa', 'compania', 'razon social', 'cuadra', 'hipica'],
  email: ['correo', 'correo electronico', 'email personal'],
  phone: ['telefono', 'telefono fijo', 'numero de telefono'],
  mobile: ['movil', 'celular', 'telefono movil', 'telefono celular'],
  street: ['direccion', 'calle', 'domicilio'],
  city: ['ciudad', 'localidad', 'municipio', 'poblacion'],
  region: ['provincia', 'estado'],
  postalCode: ['codigo postal'],
  country: ['pais'],
  horses: ['caballo', 'caballos'],
  notes: ['notas', 'observaciones', 'comentarios'],
};

/** Outlook's contacts export: the business address is the one imported. */
const outlook: SynonymList = {
  company: ['company'],
  email: ['e mail address', 'e mail display name'],
  phone: ['business phone', 'primary phone', 'home phone'],
  mobile: ['mobile phone'],
  street: ['business street', 'business address'],
  city: ['business city'],
  region: ['business state'],
  postalCode: ['business postal code', 'business zip'],
  country: ['business country region', 'business country'],
};

/** Google Contacts' export ("E-mail 1 - Value", "Address 1 - Street"). */
const googleContacts: SynonymList = {
  name: ['name'],
  firstName: ['given name'],
  lastName: ['family name'],
  company: ['organization name', 'organization 1 name'],
  email: ['e mail 1 value', 'email 1 value'],
  phone: ['phone 1 value'],
  mobile: [],
  street: ['address 1 street', 'work address street'],
  city: ['address 1 city', 'work address city'],
  region: ['address 1 region', 'work address region'],
  postalCode: ['address 1 postal code', 'work address postal code'],
  country: ['address 1 country', 'work address country'],
  notes: ['notes'],
};

/** The synonym lists, by where the headers come from; each is tested on its own. */
export const synonymLists = { english, german, french, spanish, outlook, googleContacts } as const;

const fieldBySynonym = new Map<string, ImportField>();
for (const list of Object.values(synonymLists) as SynonymList[]) {
  for (const [field, names] of Object.entries(list) as [ImportField, readonly string[]][]) {
    for (const name of names) if (!fieldBySynonym.has(name)) fieldBySynonym.set(name, field);
  }
}

/** "E-mail Address" → "e mail address"; "Phone #" → "phone"; accents dropped. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The field a header names exactly, if any. */
export function fieldForHeader(header: string): ImportField | null {
  return fieldBySynonym.get(normalizeHeader(header)) ?? null;
}

// Looser guesses for headers no synonym names, e.g. "Client E-mail" or "Barn Cell #".
const partialGuesses: [RegExp, ImportField][] = [
  [/\b(e ?mail|courriel|correo)\b/, 'email'],
  [/\b(mobile|cell|handy|mobil|portable|movil|celular)\b/, 'mobile'],
  [/\b(phone|tel|telefon|telephone|telefono)\b/, 'phone'],
  [/\b(horses?|pferde?|chevaux|cheval|caballos?)\b/, 'horses'],
  [/\b(notes?|notiz|notizen|notas)\b/, 'notes'],
];

/**
 * One field per column, each field taken at most once (the first column
 * naming it wins). Shipping columns are left out: a client's billing address
 * is the one imported.
 */
export function autoMapColumns(headers: readonly string[]): ColumnMapping {
  const taken = new Set<ImportField>();
  const mapping: ColumnMapping = headers.map(() => null);
  const claim = (index: number, field: ImportField | null) => {
    if (field === null || taken.has(field) || mapping[index] !== null) return;
    mapping[index] = field;
    taken.add(field);
  };
  headers.forEach((header, index) => claim(index, fieldForHeader(header)));
  headers.forEach((header, index) => {
    const folded = normalizeHeader(header);
    if (/\b(ship|shipping|delivery)\b/.test(folded)) return;
    const guess = partialGuesses.find(([pattern]) => pattern.test(folded));
    if (guess) claim(index, guess[1]);
  });
  return mapping;
}

/** The key a remembered mapping is stored under: the same columns in any order find it. */
export function headerSetKey(headers: readonly string[]): string {
  return [...headers.map(normalizeHeader)].sort().join('|');
}

/** Whether a mapping names the client: a Name column, or First and/or Last name. */
export function mappingHasName(mapping: ColumnMapping): boolean {
  return mapping.some((f) => f === 'name' || f === 'firstName' || f === 'lastName');
}

export const importFieldLabels: Record<ImportField, string> = {
  name: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  email: 'Email',
  phone: 'Phone',
  mobile: 'Mobile',
  street: 'Street',
  city: 'City',
  region: 'State / Province',
  postalCode: 'ZIP / Postal code',
  country: 'Country',
  horses: 'Horses',
  notes: 'Notes',
};
