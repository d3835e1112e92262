// The baseline a typical integration gives, measured against the same sandbox
// in the same run: node-quickbooks `findCustomers` with `fetchAll` and
// `Active IN (true,false)` (pages one after another), then one better-sqlite3
// insert per customer into a WAL file. Started by tests/bench/sync.bench.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import OAuthClient from 'intuit-oauth';
import QuickBooks from 'node-quickbooks';
import type { QboCustomerJson } from '../../../src-main/quickbooks/mapping/customer-mapping';
import { rssPeak } from './measure';
import { printResult } from './sandbox-process';

export interface BaselineInput {
  sandbox: {
    clientId: string;
    clientSecret: string;
    realmId: string;
    endpoints: { authorize: string; token: string; revoke: string; accountingBase: string };
  };
}

export interface BaselineResult {
  seconds: number;
  customers: number;
  peakRssMb: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as BaselineInput;
const { sandbox } = input;
OAuthClient.authorizeEndpoint = sandbox.endpoints.authorize;
OAuthClient.tokenEndpoint = sandbox.endpoints.token;
OAuthClient.revokeEndpoint = sandbox.endpoints.revoke;
QuickBooks.V3_ENDPOINT_BASE_URL = sandbox.endpoints.accountingBase;
QuickBooks.TOKEN_URL = sandbox.endpoints.token;
QuickBooks.REVOKE_URL = sandbox.endpoints.revoke;

const oauth = new OAuthClient({
  clientId: sandbox.clientId,
  clientSecret: sandbox.clientSecret,
  environment: 'sandbox',
  redirectUri: 'http://127.0.0.1:53682/callback',
});
const authorize = await fetch(
  oauth.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'bench' }),
  { redirect: 'manual' },
);
await oauth.createToken(authorize.headers.get('location') as string);
const token = oauth.getToken();
const qbo = new QuickBooks(
  sandbox.clientId,
  sandbox.clientSecret,
  token.access_token,
  false,
  sandbox.realmId,
  true,
  false,
  '75',
  '2.0',
  token.refresh_token,
);

const dir = mkdtempSync(join(tmpdir(), 'equineops-baseline-'));
const db = new SQLite(join(dir, 'baseline.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`create table customers (
  qb_id text primary key, display_name text, given_name text, family_name text, company_name text,
  email text, phone text, mobile text, active integer, updated_at text)`);
const insert = db.prepare(
  `insert into customers values (@qb_id, @display_name, @given_name, @family_name, @company_name,
     @email, @phone, @mobile, @active, @updated_at)`,
);

const memory = rssPeak();
const started = performance.now();
const all = await new Promise<{ QueryResponse: { Customer?: QboCustomerJson[] } }>(
  (resolve, reject) =>
    qbo.findCustomers(
      [
        { field: 'Active', value: [true, false], operator: 'IN' },
        { field: 'fetchAll', value: true },
      ],
      (err: unknown, data: unknown) =>
        err ? reject(new Error(JSON.stringify(err))) : resolve(data as never),
    ),
);
const customers = all.QueryResponse.Customer ?? [];
for (const c of customers) {
  insert.run({
    qb_id: c.Id,
    display_name: c.DisplayName ?? null,
    given_name: c.GivenName ?? null,
    family_name: c.FamilyName ?? null,
    company_name: c.CompanyName ?? null,
    email: c.PrimaryEmailAddr?.Address ?? null,
    phone: c.PrimaryPhone?.FreeFormNumber ?? null,
    mobile: c.Mobile?.FreeFormNumber ?? null,
    active: c.Active === false ? 0 : 1,
    updated_at: c.MetaData?.LastUpdatedTime ?? null,
  });
}
const seconds = (performance.now() - started) / 1000;
const peak = memory.stop();
db.close();
rmSync(dir, { recursive: true, force: true });
printResult({
  seconds,
  customers: customers.length,
  peakRssMb: peak / 1024 / 1024,
} satisfies BaselineResult);
process.exit(0);
