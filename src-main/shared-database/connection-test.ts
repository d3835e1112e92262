import type {
  ConnectionCheck,
  ConnectionTestResult,
  SharedDatabaseContents,
} from '../../src-shared/contract';
import type { PostgresTarget } from '../db/database-target';
import { readServerFacts, type ServerFacts } from '../db/postgres/server-check';

/** PostgreSQL 13 is the oldest release still supported when this was written, and what the migrations were tried on. */
export const OLDEST_SERVER = 130000;

/**
 * "Test connection": reaches the server, then checks what the app needs in
 * the order a person would fix them, each in words. Nothing is changed there.
 */
export async function testConnection(target: PostgresTarget): Promise<ConnectionTestResult> {
  const facts = await readServerFacts(target);
  if ('failed' in facts) {
    return {
      ok: false,
      checks: [{ check: 'connect', ok: false, message: facts.failed }],
      contents: null,
      canMove: false,
      canJoin: false,
    };
  }
  const checks = serverChecks(facts, target);
  const contents = contentsOf(facts);
  checks.push(contentsCheck(contents));
  const ok = checks.every((c) => c.ok);
  return {
    ok,
    checks,
    contents,
    canMove: ok && contents.kind === 'empty',
    canJoin: ok && contents.kind === 'equineops',
  };
}

function serverChecks(facts: ServerFacts, target: PostgresTarget): ConnectionCheck[] {
  const major = Math.floor(facts.versionNumber / 10000);
  const checks: ConnectionCheck[] = [
    {
      check: 'connect',
      ok: true,
      message: `Connected to ${target.database} on ${target.host}:${target.port} as ${target.user}.`,
    },
    facts.versionNumber >= OLDEST_SERVER
      ? { check: 'version', ok: true, message: `PostgreSQL ${facts.version.split(' ')[0]}.` }
      : {
          check: 'version',
          ok: false,
          message: `The server runs PostgreSQL ${major}; EquineOps needs 13 or newer.`,
        },
    facts.encrypted
      ? {
          check: 'tls',
          ok: true,
          message:
            target.sslmode === 'verify-full'
              ? 'Encrypted (TLS), and the server’s certificate was verified.'
              : 'Encrypted (TLS). The server’s certificate is not verified: choose verify-full with its CA file to be sure it is this server.',
        }
      : {
          check: 'tls',
          ok: false,
          message: 'The connection is not encrypted. Its administrator turns on ssl on the server.',
        },
    facts.canCreateTables
      ? {
          check: 'privileges',
          ok: true,
          message: facts.superuser
            ? `${target.user} may create tables. It is a superuser, which EquineOps does not need: a user that owns its database is enough (see the README).`
            : `${target.user} may create the app’s tables (schema public).`,
        }
      : {
          check: 'privileges',
          ok: false,
          message: `${target.user} may not create tables in schema public. Make it the database’s owner (createdb -O ${target.user}) or grant it: GRANT CREATE ON SCHEMA public TO ${target.user};`,
        },
    facts.trigram === 'missing'
      ? {
          check: 'search',
          ok: false,
          message: `The search extension pg_trgm is not installed in ${target.database}, and ${target.user} may not install it. An administrator runs there: CREATE EXTENSION pg_trgm;`,
        }
      : {
          check: 'search',
          ok: true,
          message:
            facts.trigram === 'installed'
              ? 'The search extension pg_trgm is installed.'
              : 'The search extension pg_trgm will be installed with the app’s tables.',
        },
  ];
  return checks;
}

function contentsOf(facts: ServerFacts): SharedDatabaseContents {
  if (facts.equineops) {
    // Tables made by the migrations but nothing in them (a move that was rolled back): still empty.
    return facts.equineops.hasData
      ? {
          kind: 'equineops',
          organizationName: facts.equineops.organizationName,
          clients: facts.equineops.clients,
        }
      : { kind: 'empty' };
  }
  return facts.tables.length === 0 ? { kind: 'empty' } : { kind: 'other', tables: facts.tables };
}

function contentsCheck(contents: SharedDatabaseContents): ConnectionCheck {
  switch (contents.kind) {
    case 'empty':
      return {
        check: 'contents',
        ok: true,
        message: 'The database is empty: this computer’s data can be moved there.',
      };
    case 'equineops':
      return {
        check: 'contents',
        ok: true,
        message: `It holds an EquineOps list${contents.organizationName ? ` (${contents.organizationName})` : ''} with ${contents.clients.toLocaleString('en-US')} ${contents.clients === 1 ? 'client' : 'clients'}: this computer can use it.`,
      };
    case 'other':
      return {
        check: 'contents',
        ok: false,
        message: `It holds tables EquineOps did not make (${contents.tables.slice(0, 5).join(', ')}${contents.tables.length > 5 ? ', …' : ''}). Use an empty database of its own for EquineOps.`,
      };
  }
}
