#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on a free local port, for
# the shared-database tests (CI, and developers: `bash scripts/with-postgres.sh npm test`).
# Exports:
#   EQUINEOPS_TEST_POSTGRES_URL        the app's role: the README's least privileges only
#   EQUINEOPS_TEST_POSTGRES_ADMIN_URL  a superuser, to create a database per test
#   EQUINEOPS_TEST_POSTGRES_CA         the CA file of the cluster's TLS certificate
# The cluster lives under /var/tmp (the postgres user cannot enter a /tmp
# closed to others), runs with fsync off, and is stopped and deleted at exit.
# Without Debian's postgresql it runs the command as is: the PostgreSQL tests
# then say they were skipped (or fail, with EQUINEOPS_REQUIRE_POSTGRES=1).
set -uo pipefail

if [ -n "${EQUINEOPS_TEST_POSTGRES_URL:-}" ]; then exec "$@"; fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: no PostgreSQL server installed (apt-get install postgresql); running without it" >&2
  exec "$@"
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir=$(as_postgres mktemp -d /var/tmp/equineops-pg.XXXXXX)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
password=$(node -e "console.log(require('crypto').randomBytes(18).toString('hex'))")
app_password=$(node -e "console.log(require('crypto').randomBytes(18).toString('hex'))")

stop() {
  as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

printf '%s\n' "$password" | as_postgres tee "$dir/pwfile" >/dev/null
as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 1; }

# A self-signed certificate, so the TLS tests (require, verify-full with a CA file) have a server to talk to.
as_postgres openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
  -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1 \
  || { echo "with-postgres: openssl could not make a certificate" >&2; exit 1; }
as_postgres chmod 600 "$dir/data/server.key"
cp "$dir/data/server.crt" "$dir/ca.crt" && chmod 644 "$dir/ca.crt"

as_postgres "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" start -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c ssl=on -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
  >/dev/null || { cat "$dir/server.log" >&2; echo "with-postgres: the server did not start" >&2; exit 1; }

# The app's role gets what the README asks an administrator for, nothing more: LOGIN and
# ownership of its database (the tests' admin URL creates each test's database owned by it).
as_postgres "$bin/psql" -h "$dir" -p "$port" -U postgres -q -v ON_ERROR_STOP=1 -d postgres \
  -c "create role equineops_ci login password '$app_password'" \
  -c "create database equineops_ci owner equineops_ci" >/dev/null \
  || { echo "with-postgres: could not create the app's role" >&2; exit 1; }

export EQUINEOPS_TEST_POSTGRES_URL="postgres://equineops_ci:$app_password@127.0.0.1:$port/equineops_ci"
export EQUINEOPS_TEST_POSTGRES_ADMIN_URL="postgres://postgres:$password@127.0.0.1:$port/postgres"
export EQUINEOPS_TEST_POSTGRES_CA="$dir/ca.crt"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

"$@"
