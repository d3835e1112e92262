import type { Kysely } from 'kysely';

/** Issue 17: the sync computer and sync requests. (Stub from step 0; helper "seats" fills it.) */
export async function up(_db: Kysely<unknown>): Promise<void> {}
