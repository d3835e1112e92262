import type { SecretStore } from '../../platform/ports';
import { TokenSet } from './token-set';

/** Tokens in the OS keychain, one entry per realm. Nothing here ever logs a value. */
export class TokenVault {
  constructor(private readonly secrets: SecretStore) {}

  async read(realmId: string): Promise<TokenSet | null> {
    const raw = await this.secrets.get(realmId);
    if (!raw) return null;
    const parsed = TokenSet.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  async write(realmId: string, tokens: TokenSet): Promise<void> {
    await this.secrets.set(realmId, JSON.stringify(tokens));
  }

  async remove(realmId: string): Promise<void> {
    await this.secrets.delete(realmId);
  }
}
