import type { Kysely } from 'kysely';

/** Issue 17: document bytes in the shared database (PostgreSQL only). (Stub from step 0; helper "storage" fills it.) */
export async function up(_db: Kysely<unknown>): Promise<void> {}
