import type { Kysely } from 'kysely';

/** Issue 17: pg_trgm and trigram indexes (PostgreSQL only). (Stub from step 0; helper "search" fills it.) */
export async function up(_db: Kysely<unknown>): Promise<void> {}
