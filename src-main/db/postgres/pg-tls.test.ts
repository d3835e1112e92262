import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { PostgresTarget } from '../database-target';
import type { OpenedDatabase } from '../open-database';
import { freshPostgresTarget } from '../testing/test-database';
import { openPostgres } from './open-postgres';

/*
 * TLS to the shared database, against the throwaway cluster of
 * scripts/with-postgres.sh (ssl on, a self-signed certificate for localhost
 * and 127.0.0.1 whose file is EQUINEOPS_TEST_POSTGRES_CA).
 */

let work: string;
let otherCa: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'equineops-tls-'));
  otherCa = join(work, 'other-ca.pem');
  // A certificate authority that did not sign the server's certificate.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Some Other Barn CA',
      '-keyout',
      join(work, 'other-ca.key'),
      '-out',
      otherCa,
    ],
    { stdio: 'ignore' },
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const opened: OpenedDatabase[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
});

async function open(target: PostgresTarget): Promise<OpenedDatabase> {
  const db = await openPostgres(target, { max: 1, applicationName: 'EquineOps TLS test' });
  opened.push(db);
  return db;
}

async function encrypted(db: OpenedDatabase): Promise<boolean> {
  const row = await sql<{
    ssl: boolean;
  }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(db.db);
  return row.rows[0]!.ssl;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the connection to be refused');
}

describe('TLS to the shared database', () => {
  it('connects with verify-full when the CA file signed the server certificate', async () => {
    const target = await freshPostgresTarget();
    const db = await open({
      ...target,
      sslmode: 'verify-full',
      caFile: process.env.EQUINEOPS_TEST_POSTGRES_CA!,
    });
    expect(await encrypted(db)).toBe(true);
    // The certificate names localhost too: a server reached by name is checked by that name.
    const byName = await open({
      ...target,
      host: 'localhost',
      sslmode: 'verify-full',
      caFile: process.env.EQUINEOPS_TEST_POSTGRES_CA!,
    });
    expect(await encrypted(byName)).toBe(true);
  });

  it('connects encrypted with require, without checking who signed the certificate', async () => {
    const target = await freshPostgresTarget();
    const db = await open({ ...target, sslmode: 'require', caFile: undefined });
    expect(await encrypted(db)).toBe(true);
  });

  it('refuses a server whose certificate the chosen CA did not sign, in words', async () => {
    const target = await freshPostgresTarget();
    const error = await refusal(open({ ...target, sslmode: 'verify-full', caFile: otherCa }));

    expect(error.code).toBe('database_unavailable');
    expect(error.message).toBe(
      `EquineOps did not trust the certificate of the shared database ${target.database} on ${target.host}:${target.port} with the CA file ${otherCa} (no trusted authority signed it), so it did not connect and nothing was changed. Choose the CA file that signed the server's certificate in Settings → Data, or ask whoever runs the server for it.`,
    );
  });

  it('refuses a certificate made out to another address than the one connected to', async () => {
    const target = await freshPostgresTarget();
    // The same server reached at 127.0.0.2 (a relay there): the certificate lists localhost and 127.0.0.1 only.
    const relay = createServer((client: Socket) => {
      const upstream = connect(target.port, '127.0.0.1');
      for (const socket of [client, upstream]) socket.on('error', () => undefined);
      client.pipe(upstream).pipe(client);
    });
    servers.push(relay);
    await new Promise<void>((done) => relay.listen(0, '127.0.0.2', done));
    const port = (relay.address() as { port: number }).port;

    const error = await refusal(
      open({
        ...target,
        host: '127.0.0.2',
        port,
        sslmode: 'verify-full',
        caFile: process.env.EQUINEOPS_TEST_POSTGRES_CA!,
      }),
    );

    expect(error.code).toBe('database_unavailable');
    expect(error.message).toBe(
      `EquineOps did not trust the certificate of the shared database ${target.database} on 127.0.0.2:${port} with the CA file ${process.env.EQUINEOPS_TEST_POSTGRES_CA} (the certificate is for another server's name), so it did not connect and nothing was changed. Choose the CA file that signed the server's certificate in Settings → Data, or ask whoever runs the server for it.`,
    );
  });

  it('refuses a server without TLS under require, in words, before sending anything', async () => {
    const target = await freshPostgresTarget();
    // What a PostgreSQL server with ssl = off answers to the client's SSLRequest: "N".
    const received: Buffer[] = [];
    const plain = createServer((socket: Socket) => {
      socket.once('data', (chunk: Buffer) => {
        received.push(chunk);
        socket.write('N');
      });
      socket.on('error', () => undefined);
    });
    servers.push(plain);
    await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done));
    const port = (plain.address() as { port: number }).port;

    const error = await refusal(open({ ...target, port, sslmode: 'require', caFile: undefined }));

    expect(error.code).toBe('database_unavailable');
    expect(error.message).toBe(
      `The shared database ${target.database} on 127.0.0.1:${port} does not offer an encrypted (TLS) connection, and EquineOps does not send client data unencrypted, so nothing was changed. Ask whoever runs the server to turn on ssl, then try again.`,
    );
    // Only the 8-byte SSLRequest went out: no user name, no password.
    expect(Buffer.concat(received)).toEqual(Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]));
  });

  it('says the CA file cannot be read, naming it', async () => {
    const target = await freshPostgresTarget();
    const missing = join(work, 'no-such-ca.pem');
    const error = await refusal(open({ ...target, sslmode: 'verify-full', caFile: missing }));
    expect(error.message).toBe(
      `The CA file ${missing} could not be read: check the path in Settings → Data.`,
    );
  });
});
