import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { redactSecrets } from '../../secret-redaction';
import type { PostgresTarget } from '../database-target';
import { postgresClientConfig } from './pg-connection';

/** What "Test connection" learns from a server, read-only: nothing is created or changed. */
export interface ServerFacts {
  /** server_version_num, e.g. 150018. */
  versionNumber: number;
  /** "15.18 (Debian 15.18-0+deb12u1)" */
  version: string;
  encrypted: boolean;
  superuser: boolean;
  /** CREATE on schema public: the app makes its tables there. */
  canCreateTables: boolean;
  /** pg_trgm (substring search) is installed in this database, or this user may install it. */
  trigram: 'installed' | 'creatable' | 'missing';
  /** Tables in schema public. */
  tables: string[];
  /** Set when the tables are EquineOps': its organization name and client count. */
  equineops: { organizationName: string | null; clients: number; hasData: boolean } | null;
}

export type ServerFailure = { failed: string };

/** Connects once (10 s), reads the facts, disconnects. Failures come back in words, without the password. */
export async function readServerFacts(
  target: PostgresTarget,
): Promise<ServerFacts | ServerFailure> {
  let client: pg.Client;
  try {
    client = new pg.Client(postgresClientConfig(target, 'EquineOps connection test'));
  } catch (error) {
    return { failed: connectFailure(error, target) };
  }
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    return { failed: connectFailure(error, target) };
  }
  try {
    const one = async <T>(text: string): Promise<T> => (await client.query(text)).rows[0] as T;
    const facts = await one<{
      version_number: string;
      version: string;
      encrypted: boolean | null;
      superuser: boolean;
      can_create: boolean;
      can_create_in_database: boolean;
    }>(
      `select current_setting('server_version_num') as version_number,
              current_setting('server_version') as version,
              (select ssl from pg_stat_ssl where pid = pg_backend_pid()) as encrypted,
              (select rolsuper from pg_roles where rolname = current_user) as superuser,
              has_schema_privilege('public', 'CREATE') as can_create,
              has_database_privilege(current_database(), 'CREATE') as can_create_in_database`,
    );
    const trgm = await one<{ installed: boolean; trusted: boolean | null }>(
      `select exists (select 1 from pg_extension where extname = 'pg_trgm') as installed,
              (select bool_or(v.trusted) from pg_available_extension_versions v
                 where v.name = 'pg_trgm') as trusted`,
    );
    const tables = (
      await client.query<{ name: string }>(
        `select table_name as name from information_schema.tables
          where table_schema = 'public' order by table_name`,
      )
    ).rows.map((row) => row.name);
    let equineops: ServerFacts['equineops'] = null;
    if (tables.includes('kysely_migration') && tables.includes('clients')) {
      const list = await one<{ organization: string | null; clients: number; settings: number }>(
        `select (select value from settings where key = 'organizationName') as organization,
                (select count(*)::int from clients) as clients,
                (select count(*)::int from settings) as settings`,
      );
      equineops = {
        organizationName: list.organization,
        clients: list.clients,
        hasData: list.clients > 0 || list.settings > 0,
      };
    }
    return {
      versionNumber: Number(facts.version_number),
      version: facts.version,
      encrypted: facts.encrypted === true,
      superuser: facts.superuser,
      canCreateTables: facts.can_create,
      trigram: trgm.installed
        ? 'installed'
        : trgm.trusted && facts.can_create_in_database
          ? 'creatable'
          : 'missing',
      tables,
      equineops,
    };
  } catch (error) {
    return { failed: connectFailure(error, target) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why a connection failed, for office staff and whoever runs the server. */
export function connectFailure(error: unknown, target: PostgresTarget): string {
  const where = `${target.host}:${target.port}`;
  const e = error as { code?: string; message?: string };
  const message = redactSecrets(e?.message ?? String(error));
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `Nothing answered at ${where}. Check the server name and port, that PostgreSQL is running, and that it listens on the network (listen_addresses).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The server name ${target.host} was not found. Check its spelling, or use its IP address.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} did not answer within 10 seconds. Check the address, and that no firewall blocks port ${target.port}.`;
    case '28P01':
      return `The server refused the user name or password for ${target.user}. Check the password with whoever runs the server, then Test connection again.`;
    case '28000':
      return /no pg_hba\.conf entry/i.test(message)
        ? `The server does not accept this computer for ${target.user} on ${target.database}: its administrator adds a line for it to pg_hba.conf (hostssl, scram-sha-256).`
        : `The server refused ${target.user}: ${message}`;
    case '3D000':
      return `There is no database named ${target.database} on ${where}. Create it first (createdb -O ${target.user} ${target.database}).`;
    case '53300':
      return `The server has no connection to spare (max_connections). EquineOps needs 8 for each computer.`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `The server’s certificate could not be verified. Choose the CA file that signed it, or ask the server’s administrator for it.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The server’s certificate is not made out to ${target.host}. Use the name the certificate names, or ask for a certificate with this one.`;
    case 'CERT_HAS_EXPIRED':
      return `The server’s certificate has expired. Its administrator renews it.`;
    default:
      break;
  }
  if (/does not support SSL/i.test(message))
    return `The server at ${where} does not offer encrypted connections (TLS). Its administrator turns on ssl in postgresql.conf; EquineOps does not send client data unencrypted.`;
  if (/timeout/i.test(message))
    return `${where} did not answer within 10 seconds. Check the address, and that no firewall blocks port ${target.port}.`;
  if (/CA file/.test(message)) return message;
  return `The connection to ${where} failed: ${message}`;
}

/** For Settings → Data on a shared database: the server's version and whether this connection is encrypted. */
export async function connectionFacts(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
): Promise<{ serverVersion: string; encrypted: boolean }> {
  const { rows } = await sql<{ version: string; encrypted: boolean | null }>`
    select current_setting('server_version') as version,
           (select ssl from pg_stat_ssl where pid = pg_backend_pid()) as encrypted`.execute(db);
  const row = rows[0]!;
  return {
    serverVersion: `PostgreSQL ${row.version.split(' ')[0]}`,
    encrypted: row.encrypted === true,
  };
}

/** The connection-health probe: one round trip. */
export async function pingDatabase(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
): Promise<void> {
  await sql`select 1`.execute(db);
}
