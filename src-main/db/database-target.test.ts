import { describe, expect, it } from 'vitest';
import {
  describeTarget,
  parsePostgresUrl,
  redactDatabaseUrls,
  type PostgresTarget,
} from './database-target';
import { pgFailure } from './postgres/pg-failures';

const PASSWORD = 'Tr0ub4dor&3-horse';
const url = (query = '') =>
  `postgres://front%20desk:${encodeURIComponent(PASSWORD)}@db.barn.local:6543/equine%20ops${query}`;

function thrown(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}

describe('the shared database address an IT administrator gives (EQUINEOPS_DATABASE_URL)', () => {
  it('reads user, password, host, port and database, decoding what the URL escapes', () => {
    expect(parsePostgresUrl(url('?sslmode=require'), 'environment')).toEqual({
      kind: 'postgres',
      host: 'db.barn.local',
      port: 6543,
      database: 'equine ops',
      user: 'front desk',
      password: PASSWORD,
      sslmode: 'require',
      caFile: undefined,
      source: 'environment',
    });
  });

  it('checks the server certificate unless told otherwise, with the CA file from sslrootcert', () => {
    expect(parsePostgresUrl(url(), 'environment').sslmode).toBe('verify-full');
    const target = parsePostgresUrl(
      url('?sslmode=verify-full&sslrootcert=/etc/equineops/ca.pem'),
      'settings',
    );
    expect(target).toMatchObject({ sslmode: 'verify-full', caFile: '/etc/equineops/ca.pem' });
  });

  it('takes the default port, postgresql:// and an IPv6 host, and a user without a password', () => {
    const target = parsePostgresUrl('postgresql://equineops@[::1]/barn', 'test');
    expect(target).toMatchObject({ host: '::1', port: 5432, user: 'equineops', database: 'barn' });
    expect(target.password).toBeUndefined();
  });

  it('refuses what it cannot use, in words, without ever repeating the address or its password', () => {
    const refusals = [
      thrown(() => parsePostgresUrl(url('?sslmode=prefer'), 'environment')),
      thrown(() => parsePostgresUrl(`mysql://u:${PASSWORD}@h/db`, 'environment')),
      thrown(() => parsePostgresUrl(`postgres://u:${PASSWORD}@h/`, 'environment')),
      thrown(() => parsePostgresUrl(`postgres://u:${PASSWORD}@:5432`, 'environment')),
    ];
    expect(refusals[0]).toBe(
      'sslmode "prefer" is not offered: use require, verify-full or disable.',
    );
    expect(refusals[1]).toBe('The database address must start with postgres://.');
    expect(refusals[2]).toBe('The database address needs a user, a host and a database name.');
    for (const message of refusals) {
      expect(message).not.toContain(PASSWORD);
      expect(message).not.toContain(encodeURIComponent(PASSWORD));
    }
  });
});

describe('naming a database to people', () => {
  it('names the server and database, never the password', () => {
    const target = parsePostgresUrl(url('?sslmode=require'), 'environment');
    expect(describeTarget(target)).toBe('the shared database equine ops on db.barn.local:6543');
    expect(describeTarget({ kind: 'sqlite', file: '/home/pat/EquineOps/equineops.sqlite' })).toBe(
      'the data file /home/pat/EquineOps/equineops.sqlite',
    );
  });

  it('keeps the password out of every failure message about the server', () => {
    const target: PostgresTarget = parsePostgresUrl(url('?sslmode=require'), 'environment');
    const serverErrors = [
      { code: '28P01', severity: 'FATAL', message: 'password authentication failed for user "x"' },
      { code: '42501', severity: 'ERROR', message: 'permission denied for table clients' },
      { code: '53100', severity: 'ERROR', message: 'could not extend file' },
      { code: '08006', severity: 'FATAL', message: 'connection failure' },
    ].map((fields) => Object.assign(new Error(fields.message), fields));
    for (const error of serverErrors) {
      const failure = pgFailure(error, target);
      expect(failure?.message).toMatch(/[Tt]he shared database equine ops on db\.barn\.local:6543/);
      expect(JSON.stringify(failure?.toShape())).not.toContain(PASSWORD);
    }
  });

  it('masks the password of a postgres:// address quoted in a text', () => {
    expect(
      redactDatabaseUrls(
        `could not connect to ${url('?sslmode=require')} and postgresql://u:p@h/d; postgres://u@h/d`,
      ),
    ).toBe(
      'could not connect to postgres://front%20desk:[redacted]@db.barn.local:6543/equine%20ops?sslmode=require and postgresql://u:[redacted]@h/d; postgres://u@h/d',
    );
  });
});
